package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.conformance.ComplexExtension.referralAdvocate;
import static org.referralbridge.conformance.ComplexExtension.referralSource;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.ValidationReport.Issue;
import org.referralbridge.conformance.ValidationReport.Severity;

class ConformanceValidatorTests {

    private static final ConformanceValidator validator = Conformance.validator();

    static Stream<Named<Resource>> examples() {
        return Conformance.pkg().examples().stream().map(ConformanceValidatorTests::named);
    }

    static Stream<Named<Resource>> conformanceResourcesOtherThanStructureDefinitions() {
        return Conformance.pkg().resources().stream()
                .filter(resource -> !(resource instanceof StructureDefinition))
                .map(ConformanceValidatorTests::named);
    }

    private static Named<Resource> named(Resource resource) {
        return Named.of(resource.getIdElement().getValue(), resource);
    }

    static Stream<String> channelCodes() {
        return codesOf(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
    }

    static Stream<String> captureMethodCodes() {
        return codesOf(Canonicals.CAPTURE_METHOD_CODE_SYSTEM);
    }

    private static Stream<String> codesOf(String system) {
        return Conformance.pkg().codeSystems().stream()
                .filter(codeSystem -> codeSystem.getUrl().equals(system))
                .flatMap(codeSystem -> codeSystem.getConcept().stream())
                .map(ConceptDefinitionComponent::getCode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void acceptsEveryExampleOfThePackageWithoutErrors(Resource example) {
        ValidationReport report = validator.validate(example);

        assertThat(report.errors()).as(report.summary()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceResourcesOtherThanStructureDefinitions")
    void acceptsTheTerminologySearchParametersAndCapabilityStatementOfThePackage(Resource resource) {
        ValidationReport report = validator.validate(resource);

        assertThat(report.errors()).as(report.summary()).isEmpty();
    }

    @Test
    void acceptsAReferralSourceWithEverySubExtension() {
        assertValid(referralSource().onPatient());
    }

    @Test
    void acceptsAReferralSourceWithOnlyItsChannel() {
        ComplexExtension onlyChannel = referralSource();
        Stream.of("referrer", "code", "program", "capturedDate", "method").forEach(onlyChannel::remove);

        assertValid(onlyChannel.onPatient());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channelCodes")
    void acceptsEveryCodeOfTheChannelCodeSystem(String code) {
        assertValid(referralSource().channel(code).onPatient());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captureMethodCodes")
    void acceptsEveryCodeOfTheCaptureMethodCodeSystem(String code) {
        assertValid(referralSource().method(code).onPatient());
    }

    @Test
    void acceptsAnAdvocateWithOnlyCodeAndEnrolmentDate() {
        assertValid(referralAdvocate()
                .remove(Canonicals.ReferralAdvocate.SUCCESSFUL_REFERRALS)
                .remove(Canonicals.ReferralAdvocate.TIER)
                .onPatient());
    }

    @Test
    void acceptsAPatientWhoIsBothReferredAndAnAdvocate() {
        Patient patient = Patients.referredBy("Patient/advocate-anna", "ANNA-7Q2K");
        patient.addExtension(referralAdvocate().build());

        assertValid(patient);
    }

    @Test
    void rejectsStringWhereReferrerReferenceBelongs() {
        Patient patient = referralSource()
                .set(Canonicals.ReferralSource.REFERRER, new StringType("Anna Example"))
                .onPatient();

        assertThat(validator.validate(patient).errors()).anySatisfy(issue -> {
            // referrer is the second sub-extension
            assertThat(issue.location()).isEqualTo("Patient.extension[0].extension[1].value.ofType(string)");
            assertThat(issue.message())
                    .contains("referral-source")
                    .contains("Reference")
                    .contains("string");
        });
    }

    @Test
    void rejectsUnknownChannelCode() {
        Patient patient = referralSource().channel("billboard").onPatient();

        assertThat(validator.validate(patient).errors()).anySatisfy(issue -> {
            assertThat(issue.location()).isEqualTo("Patient.extension[0].extension[0].value.ofType(Coding)");
            assertThat(issue.message()).contains("billboard").contains(Canonicals.REFERRAL_CHANNEL_VALUE_SET);
        });
    }

    @Test
    void rejectsChannelCodedFromAnotherCodeSystem() {
        Patient patient = referralSource()
                .set(
                        Canonicals.ReferralSource.CHANNEL,
                        new Coding(Canonicals.CAPTURE_METHOD_CODE_SYSTEM, "front-desk", null))
                .onPatient();

        assertThat(validator.validate(patient).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(Canonicals.REFERRAL_CHANNEL_VALUE_SET));
    }

    @Test
    void rejectsUnknownCaptureMethod() {
        Patient patient = referralSource().method("carrier-pigeon").onPatient();

        assertThat(validator.validate(patient).errors())
                .anySatisfy(issue -> assertThat(issue.message())
                        .contains("carrier-pigeon")
                        .contains(Canonicals.CAPTURE_METHOD_VALUE_SET));
    }

    @Test
    void rejectsReferralSourceWithoutChannel() {
        Patient patient =
                referralSource().remove(Canonicals.ReferralSource.CHANNEL).onPatient();

        assertThat(validator.validate(patient).errors()).anySatisfy(issue -> {
            assertThat(issue.location()).isEqualTo("Patient.extension[0]");
            assertThat(issue.message()).contains("Extension.extension:channel").contains("referral-source");
        });
    }

    @Test
    void rejectsReferralAdvocateWithoutCode() {
        Patient patient =
                referralAdvocate().remove(Canonicals.ReferralAdvocate.CODE).onPatient();

        assertThat(validator.validate(patient).errors()).anySatisfy(issue -> {
            assertThat(issue.location()).isEqualTo("Patient.extension[0]");
            assertThat(issue.message()).contains("Extension.extension:code").contains("referral-advocate");
        });
    }

    @Test
    void rejectsReferralAdvocateWithoutEnrolmentDate() {
        Patient patient =
                referralAdvocate().remove(Canonicals.ReferralAdvocate.ENROLLED).onPatient();

        assertThat(validator.validate(patient).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Extension.extension:enrolled"));
    }

    @Test
    void rejectsASecondChannel() {
        Patient patient = referralSource()
                .add(
                        Canonicals.ReferralSource.CHANNEL,
                        new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "web", null))
                .onPatient();

        assertThat(validator.validate(patient).errors())
                .anySatisfy(issue -> assertThat(issue.message())
                        .contains("Extension.extension:channel")
                        .contains("max allowed = 1"));
    }

    @Test
    void rejectsAMisspeltSubExtension() {
        Patient patient =
                referralSource().set("refferer", new StringType("Anna")).onPatient();

        assertThat(validator.validate(patient).errors()).anySatisfy(issue -> {
            assertThat(issue.location()).contains("refferer");
            assertThat(issue.message()).contains("refferer");
        });
    }

    @Test
    void rejectsReferralSourceOnAResourceOtherThanPatient() {
        Encounter encounter = new Encounter()
                .setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        encounter.addExtension(referralSource().build());

        assertThat(validator.validate(encounter).errors())
                .anySatisfy(issue -> assertThat(issue.message())
                        .contains(Canonicals.ReferralSource.URL)
                        .contains("Patient"));
    }

    @Test
    void rejectsNegativeSuccessfulReferralsInJsonText() {
        String json = """
                {"resourceType": "Patient",
                 "extension": [{"url": "%s", "extension": [
                    {"url": "code", "valueString": "ANNA-7Q2K"},
                    {"url": "enrolled", "valueDate": "2026-01-15"},
                    {"url": "successfulReferrals", "valueUnsignedInt": -1}]}]}
                """.formatted(Canonicals.ReferralAdvocate.URL);

        assertThat(validator.validate(json).errors()).anySatisfy(issue -> {
            assertThat(issue.location()).isEqualTo("Patient.extension[0].extension[2].value.ofType(unsignedInt)");
            assertThat(issue.message()).contains("minimum");
        });
    }

    @Test
    void reportsUnknownElementsInJsonTextInsteadOfDroppingThem() {
        ValidationReport report = validator.validate("{\"resourceType\": \"Patient\", \"gendr\": \"female\"}");

        assertThat(report.errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("gendr"));
    }

    @Test
    void validatesJsonTextLikeTheParsedResource() {
        Patient patient = referralSource().channel("billboard").onPatient();
        String json = Conformance.CTX.newJsonParser().encodeResourceToString(patient);

        assertThat(validator.validate(json).issues())
                .isEqualTo(validator.validate(patient).issues());
    }

    @Test
    void reportsMalformedJsonAsAFatalIssueNamingWhereItBroke() {
        ValidationReport report = validator.validate("{\"resourceType\": \"Patient\", ");

        assertThat(report.isValid()).isFalse();
        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.FATAL);
            assertThat(issue.message()).contains("not valid JSON").contains("line 1");
        });
    }

    @Test
    void reportsEmptyInputAsAFatalIssue() {
        assertThat(validator.validate("  ").issues())
                .singleElement()
                .extracting(Issue::severity)
                .isEqualTo(Severity.FATAL);
    }

    @Test
    void reportsJsonThatIsNoResourceAsAFatalIssue() {
        for (String notAResource : List.of("[1, 2]", "{\"gender\": \"female\"}", "\"Patient\"")) {
            assertThat(validator.validate(notAResource).issues())
                    .as(notAResource)
                    .singleElement()
                    .satisfies(issue -> assertThat(issue.message()).contains("resourceType"));
        }
    }

    @Test
    void declinesStructureDefinitionsBecauseHapiWouldGoOnlineForThem() {
        StructureDefinition definition =
                Conformance.pkg().structureDefinitions().get(0);
        String json = Conformance.CTX.newJsonParser().encodeResourceToString(definition);

        for (ValidationReport report : List.of(validator.validate(definition), validator.validate(json))) {
            assertThat(report.errors()).singleElement().satisfies(issue -> {
                assertThat(issue.location()).isEqualTo("StructureDefinition");
                assertThat(issue.message()).startsWith("Not validated").contains("offline");
            });
        }
    }

    @Test
    void givesTheSameResultsWhenUsedFromManyThreadsAtOnce() throws Exception {
        List<Patient> patients = List.of(
                referralSource().onPatient(),
                referralSource().channel("billboard").onPatient(),
                referralAdvocate().remove(Canonicals.ReferralAdvocate.CODE).onPatient(),
                Patients.advocate("BEN-1234"));
        List<List<Issue>> sequential = patients.stream()
                .map(patient -> validator.validate(patient).issues())
                .toList();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Issue>>> concurrent = IntStream.range(0, 24)
                    .mapToObj(i -> threads.submit(() -> validator
                            .validate(patients.get(i % patients.size()).copy())
                            .issues()))
                    .toList();
            for (int i = 0; i < concurrent.size(); i++) {
                assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i % patients.size()));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertValid(Patient patient) {
        ValidationReport report = validator.validate(patient);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }
}
