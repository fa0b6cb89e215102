package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profiles shipped with Referral Bridge, each against the same new patient described the way its EHR would
 * (samples/<profile>/), and against the official R4 examples, where none of them may find a referral.
 */
class ShippedProfilesTests {

    private static final String PATIENT_ID = "5c8e9b2a-7d41-4f0e-9a63-2b1f7e4c9d10";
    private static final OffsetDateTime MARCH_11 = OffsetDateTime.of(2025, 3, 11, 0, 0, 0, 0, ZoneOffset.UTC);

    static List<String> shippedNames() {
        return Fhir.PROFILES.shippedNames();
    }

    private static ProfileEvaluator evaluator(String name) {
        return new ProfileEvaluator(Fhir.CONTEXT, Fhir.PROFILES.shipped(name));
    }

    static <T extends IBaseResource> T sample(String profile, String file, Class<T> type) {
        try (InputStream in = ShippedProfilesTests.class.getResourceAsStream("/samples/" + profile + "/" + file)) {
            return Fhir.CONTEXT.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shipsFourProfilesEachLoadableByName() {
        assertThat(Fhir.PROFILES.shippedNames())
                .containsExactly(
                        "referral-bridge-native", "intake-questionnaire", "vendor-extension", "identifier-code");
        for (String name : Fhir.PROFILES.shippedNames()) {
            assertThat(Fhir.PROFILES.shipped(name).name()).isEqualTo(name);
            assertThat(Fhir.PROFILES.shipped(name).sourceName()).isEqualTo(name + ".yaml");
        }
    }

    @Test
    void defaultNamesTheNativeProfile() {
        assertThat(Fhir.PROFILES.shipped("default")).isSameAs(Fhir.PROFILES.defaultProfile());
        assertThat(Fhir.PROFILES.defaultProfile().name()).isEqualTo("referral-bridge-native");
        assertThat(Fhir.PROFILES
                        .load("formatVersion: 1\nname: n\nextends: referral-bridge-native\n", "n.yaml")
                        .readsPatientEvidence())
                .isTrue();
    }

    @Test
    void refusesANameThatIsNotShipped() {
        assertThatThrownBy(() -> Fhir.PROFILES.shipped("epic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'epic'")
                .hasMessageContaining("intake-questionnaire");
    }

    @Test
    void nativeProfileReadsOurOwnExtension() {
        var patient = sample("referral-bridge-native", "Patient.json", Patient.class);

        var evidence =
                evaluator("referral-bridge-native").patientEvidence(patient).orElseThrow();

        assertThat(evidence.patientId()).isEqualTo(PATIENT_ID);
        assertThat(evidence.referralCode()).contains("ANNA-7K2Q");
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.method()).contains("front-desk");
        assertThat(evidence.unmappedChannels()).isEmpty();
    }

    @Test
    void intakeQuestionnaireReadsTheFormsCodedAnswerCodeAndFreeTextReferrer() {
        var evaluator = evaluator("intake-questionnaire");
        var response = sample(
                "intake-questionnaire",
                "QuestionnaireResponse.json",
                org.hl7.fhir.r4.model.QuestionnaireResponse.class);

        var evidence = evaluator.questionnaireEvidence(response).orElseThrow();

        assertThat(evidence.sourceResourceType()).isEqualTo("QuestionnaireResponse");
        assertThat(evidence.patientId()).isEqualTo(PATIENT_ID);
        assertThat(evidence.referralCode()).contains("ANNA-7K2Q");
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.referrerDescription().flatMap(ReferrerDescription::text))
                .contains("Ana Rivera");
        assertThat(evidence.method()).contains("questionnaire");
        assertThat(evidence.capturedAt())
                .contains(OffsetDateTime.of(2025, 3, 11, 13, 52, 40, 0, ZoneOffset.ofHours(-5)));
        assertThat(evaluator.profile().referrerMatching().lookupsFor(evidence))
                .containsExactly(
                        new ReferrerLookup.ByReferralCode("ANNA-7K2Q"),
                        new ReferrerLookup.ByDescription(
                                evidence.referrerDescription().orElseThrow()));
        assertThat(evaluator.profile().precedence()).containsExactly("QuestionnaireResponse", "Patient");
        assertThat(evaluator.patientEvidence(sample("intake-questionnaire", "Patient.json", Patient.class)))
                .isEmpty();
    }

    @Test
    void intakeQuestionnaireMapsEveryAnswerOptionOfTheSampleQuestionnaire() {
        var questionnaire =
                sample("intake-questionnaire", "Questionnaire.json", org.hl7.fhir.r4.model.Questionnaire.class);
        var evaluator = evaluator("intake-questionnaire");
        var options = questionnaire.getItem().get(0).getAnswerOption();

        assertThat(options).hasSize(9);
        for (var option : options) {
            var response = QuestionnaireResponses.response(
                            "qr-" + option.getValueCoding().getCode())
                    .to(questionnaire.getUrl())
                    .by("Patient/" + PATIENT_ID)
                    .answer("how-heard", option.getValueCoding())
                    .build();
            var evidence = evaluator.questionnaireEvidence(response).orElseThrow();
            assertThat(evidence.unmappedChannels())
                    .as(option.getValueCoding().getCode())
                    .isEmpty();
        }
    }

    @Test
    void vendorExtensionMapsTheVendorsCodesAndReadsTheFreeTextReferrer() {
        var evaluator = evaluator("vendor-extension");
        var patient = sample("vendor-extension", "Patient.json", Patient.class);

        var evidence = evaluator.patientEvidence(patient).orElseThrow();

        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.referralCode()).isEmpty();
        assertThat(evidence.referrerDescription().flatMap(ReferrerDescription::text))
                .contains("Ana Rivera");
        assertThat(evidence.capturedAt())
                .contains(OffsetDateTime.of(2025, 3, 11, 13, 58, 12, 0, ZoneOffset.ofHours(-5)));
        assertThat(evaluator.profile().referrerMatching().lookupsFor(evidence))
                .containsExactly(new ReferrerLookup.ByDescription(
                        evidence.referrerDescription().orElseThrow()));
    }

    @Test
    void identifierCodeReadsTheCodeFromAPatientIdentifier() {
        var evidence = evaluator("identifier-code")
                .patientEvidence(sample("identifier-code", "Patient.json", Patient.class))
                .orElseThrow();

        assertThat(evidence.referralCode()).contains("ANNA-7K2Q");
        assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
        assertThat(evidence.capturedAt()).contains(MARCH_11);
    }

    @ParameterizedTest
    @MethodSource("shippedNames")
    void findsNoEvidenceInTheOfficialR4ExamplesAndReadsTheirEncounters(String name) throws IOException {
        var evaluator = evaluator(name);
        var parser = Fhir.CONTEXT.newJsonParser();
        List<Path> files;
        try (Stream<Path> listed = Files.list(TestData.path("hl7-r4-examples"))) {
            files = listed.sorted().toList();
        }
        int patients = 0;
        int responses = 0;
        int encounters = 0;
        for (Path file : files) {
            IBaseResource resource = parser.parseResource(Files.readString(file));
            switch (resource.fhirType()) {
                case "Patient" -> {
                    patients++;
                    assertThat(evaluator.patientEvidence(resource))
                            .as(file.toString())
                            .isEmpty();
                }
                case "QuestionnaireResponse" -> {
                    responses++;
                    assertThat(evaluator.questionnaireEvidence(resource))
                            .as(file.toString())
                            .isEmpty();
                }
                case "Encounter" -> {
                    encounters++;
                    assertThat(evaluator.encounterFacts(resource).encounterId()).isNotBlank();
                }
                default -> throw new AssertionError("unexpected " + file);
            }
            assertThat(evaluator.dryRun(resource).notes())
                    .as(file.toString())
                    .noneMatch(note -> note.startsWith("Mapping profile"));
        }
        assertThat(List.of(patients, encounters, responses)).containsExactly(22, 10, 5);
    }

    @ParameterizedTest
    @MethodSource("shippedNames")
    void findsNoEvidenceInRealSyntheaPatients(String name) {
        var evaluator = evaluator(name);

        assertThat(SyntheaData.read("patients.ndjson.gz", Patient.class))
                .allSatisfy(patient ->
                        assertThat(evaluator.patientEvidence(patient)).isEqualTo(Optional.empty()));
    }
}
