package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The element walk gives exactly what the FHIRPath engine gives, for every expression of every shipped profile and for
 * a set of plain paths, on the Synthea slice, the official R4 examples and the profiles' samples (which carry the
 * referral extensions).
 */
class ElementPathTests {

    /** Plain paths beyond the profiles': lists, choice elements by bare and typed name, ids, unknown names. */
    private static final List<String> PLAIN_PATHS = List.of(
            "id",
            "meta.lastUpdated",
            "meta.profile",
            "text.status",
            "identifier",
            "identifier.system",
            "identifier.value",
            "identifier.type.coding.code",
            "identifier.period.start",
            "name.given",
            "name.family",
            "telecom.value",
            "address.state",
            "gender",
            "birthDate",
            "birthDate.value",
            "birthDate.extension",
            "deceased",
            "deceasedBoolean",
            "deceasedDateTime",
            "multipleBirth",
            "maritalStatus.coding",
            "communication.language.coding.code",
            "generalPractitioner",
            "managingOrganization.reference",
            "link.other",
            "extension",
            "extension.url",
            "extension.value",
            "extension.valueString",
            "extension.extension.value",
            "extension.extension.url",
            "modifierExtension",
            "contained",
            "contained.id",
            "status",
            "status.extension",
            "class",
            "class.system",
            "class.code",
            "type",
            "type.coding",
            "type.text",
            "serviceType.coding",
            "subject",
            "subject.reference",
            "subject.display",
            "period",
            "period.start",
            "period.end",
            "participant.individual",
            "participant.type.coding",
            "reasonCode.coding.code",
            "hospitalization.dischargeDisposition.coding",
            "location.location.display",
            "serviceProvider",
            "statusHistory.period.start",
            "length.value",
            "questionnaire",
            "authored",
            "item.linkId",
            "item.answer.value",
            "item.item.answer.value",
            "item.answer.valueCoding",
            "noSuchElement",
            "status.noSuchElement",
            "extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-race')",
            "extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-race').extension('text').value",
            "extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-race').extension('ombCategory').value",
            "extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex').value",
            "extension('http://hl7.org/fhir/StructureDefinition/patient-birthPlace').value.state",
            "extension('http://synthetichealth.github.io/synthea/disability-adjusted-life-years').value",
            "extension('http://hl7.org/fhir/StructureDefinition/patient-birthTime')",
            "birthDate.extension('http://hl7.org/fhir/StructureDefinition/patient-birthTime').value",
            "extension('https://referralbridge.org/fhir/StructureDefinition/referral-source').extension.url",
            "extension('https://referralbridge.org/fhir/StructureDefinition/referral-source').extension('nope').value",
            "name.extension('http://example.org/none')",
            "extension('null')",
            "item.extension('http://hl7.org/fhir/StructureDefinition/questionnaire-hidden').value");

    private static final List<IBaseResource> RESOURCES = new ArrayList<>();

    private final IFhirPath engine = Fhir.CONTEXT.newFhirPath();

    @BeforeAll
    static void readResources() throws IOException {
        RESOURCES.addAll(SyntheaData.read("patients.ndjson.gz", Patient.class));
        RESOURCES.addAll(SyntheaData.read("encounters.ndjson.gz", Encounter.class));
        var parser = Fhir.CONTEXT.newJsonParser();
        for (String profile :
                List.of("referral-bridge-native", "vendor-extension", "identifier-code", "intake-questionnaire")) {
            RESOURCES.add(ShippedProfilesTests.sample(profile, "Patient.json", Patient.class));
        }
        RESOURCES.add(ShippedProfilesTests.sample(
                "intake-questionnaire", "QuestionnaireResponse.json", QuestionnaireResponse.class));
        try (Stream<Path> files = Files.list(TestData.path("hl7-r4-examples"))) {
            files.sorted().forEach(file -> {
                try {
                    RESOURCES.add(parser.parseResource(Files.readString(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void readsEveryEncounterExpressionOfTheShippedProfilesWithoutTheEngine() {
        for (String name : Fhir.PROFILES.shippedNames()) {
            MappingProfile.Encounter encounter = Fhir.PROFILES.shipped(name).encounter();
            for (MappingProfile.FhirPaths paths : List.of(
                    encounter.patient(),
                    encounter.status(),
                    encounter.classCode(),
                    encounter.serviceLine(),
                    encounter.periodStart(),
                    encounter.periodEnd())) {
                for (MappingProfile.Expression expression : paths.alternatives()) {
                    assertThat(ElementPath.of(expression.fhirPath()))
                            .as(expression.location())
                            .isPresent();
                }
            }
        }
    }

    @Test
    void leavesEverythingButPlainElementPathsToTheEngine() {
        for (String expression : List.of(
                "Encounter.status",
                "(status)",
                "status.exists()",
                "extension(url)",
                "extension('a\\'b')",
                "extension('a\\\\b')",
                "extension('')",
                "extension()",
                "extension('x').where(true)",
                "extension('x')value",
                "extension(\"x\")",
                "identifier.where(system = 'x').value",
                "contained.ofType(Organization)",
                "repeat(item)",
                "'questionnaire'",
                "status = 'finished'",
                "status and active",
                "true",
                "status.true",
                "%resource.status",
                "`status`",
                "status.",
                ".status",
                "status .code",
                "$this.status",
                "identifier[0]",
                "")) {
            assertThat(ElementPath.of(expression)).as(expression).isEmpty();
        }
    }

    @Test
    void givesWhatTheEngineGivesForEveryShippedProfileExpression() {
        Set<String> expressions = shippedExpressions();
        assertThat(expressions).contains("status", "class.code", "serviceType.coding", "period.start", "subject");
        int walked = 0;
        for (String expression : expressions) {
            Optional<ElementPath> path = ElementPath.of(expression);
            if (path.isPresent()) {
                walked++;
                assertSameAsEngine(expression, path.get());
            }
        }
        // the encounter and coverage paths, and the extension chains of the Patient sections
        assertThat(walked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void givesWhatTheEngineGivesForPlainPaths() {
        for (String expression : PLAIN_PATHS) {
            assertThat(ElementPath.of(expression)).as(expression).isPresent();
            assertSameAsEngine(expression, ElementPath.of(expression).orElseThrow());
        }
    }

    @Test
    void theEncounterFactsAreThoseOfTheEngine() {
        // Parentheses keep the same FHIRPath meaning but make every expression one the walk refuses.
        ProfileEvaluator engineOnly = Fhir.evaluator("""
                formatVersion: 1
                name: engine-only
                extends: default
                encounter:
                  patient: (subject)
                  status: (status)
                  classCode: (class.code)
                  serviceLine: ["(serviceType.coding)", "(type.coding)"]
                  periodStart: (period.start)
                  periodEnd: (period.end)
                """);
        ProfileEvaluator walking = Fhir.defaultEvaluator();
        int compared = 0;
        for (IBaseResource resource : RESOURCES) {
            if (resource instanceof Encounter) {
                compared++;
                assertThat(walking.encounterFacts(resource))
                        .as(resource.getIdElement().getIdPart())
                        .isEqualTo(engineOnly.encounterFacts(resource));
                assertThat(walking.dryRun(resource).trace().stream()
                                .map(TraceStep::values)
                                .toList())
                        .isEqualTo(engineOnly.dryRun(resource).trace().stream()
                                .map(TraceStep::values)
                                .toList());
            }
        }
        assertThat(compared).isGreaterThan(384);
    }

    @Test
    void thePatientEvidenceIsThatOfTheEngine() {
        String source = "extension('https://referralbridge.org/fhir/StructureDefinition/referral-source')";
        ProfileEvaluator engineOnly = Fhir.evaluator("""
                formatVersion: 1
                name: engine-only
                extends: default
                patient:
                  referralCode: "(%1$s.extension('code').value)"
                  channel: "(%1$s.extension('channel').value)"
                  channelDefault: other
                  referrer: "(%1$s.extension('referrer').value)"
                  program: "(%1$s.extension('program').value)"
                  capturedDate: "(%1$s.extension('capturedDate').value)"
                  method: "(%1$s.extension('method').value)"
                """.formatted(source));
        ProfileEvaluator walking = Fhir.defaultEvaluator();
        int found = 0;
        for (IBaseResource resource : RESOURCES) {
            if (resource instanceof Patient) {
                Optional<ReferralEvidence> evidence = walking.patientEvidence(resource);
                assertThat(evidence)
                        .as(resource.getIdElement().getIdPart())
                        .isEqualTo(engineOnly.patientEvidence(resource));
                found += evidence.isPresent() ? 1 : 0;
            }
        }
        assertThat(found).isPositive();
    }

    @Test
    void theDryRunTraceStillShowsTheExpressionText() {
        Encounter encounter =
                SyntheaData.read("encounters.ndjson.gz", Encounter.class).get(0);
        assertThat(Fhir.defaultEvaluator().dryRun(encounter).trace())
                .extracting(TraceStep::expression)
                .containsExactly(
                        "subject",
                        "status",
                        "class.code",
                        "serviceType.coding",
                        "type.coding",
                        "period.start",
                        "period.end");
    }

    private void assertSameAsEngine(String expression, ElementPath path) {
        IFhirPath.IParsedExpression parsed;
        try {
            parsed = engine.parse(expression);
        } catch (Exception e) {
            throw new AssertionError(expression + " does not parse", e);
        }
        for (IBaseResource resource : RESOURCES) {
            List<IBase> expected = engine.evaluate(resource, parsed, IBase.class);
            List<IBase> actual = path.evaluate(resource);
            String where = expression + " on " + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart();
            assertThat(identities(actual)).as(where).isEqualTo(identities(expected));
            assertThat(FhirValues.of(actual)).as(where).isEqualTo(FhirValues.of(expected));
        }
    }

    /**
     * The very elements, by identity. Ids and a primitive's {@code value}, which both make anew on each call, by type
     * and value.
     */
    private static List<String> identities(List<IBase> elements) {
        return elements.stream()
                .map(element -> element instanceof IIdType id
                        ? "id " + id.getValue()
                        : element.fhirType() + "@"
                                + (element instanceof IPrimitiveType<?> primitive
                                        ? fresh(primitive) + " " + primitive.getValueAsString()
                                        : System.identityHashCode(element)))
                .toList();
    }

    /** A primitive's {@code value} child, made on demand without id or extensions, is told apart only by value. */
    private static String fresh(IPrimitiveType<?> primitive) {
        Element element = (Element) primitive;
        return element.getIdBase() == null && !element.hasExtension()
                ? "plain"
                : String.valueOf(System.identityHashCode(primitive));
    }

    private static Set<String> shippedExpressions() {
        Set<String> expressions = new LinkedHashSet<>();
        for (String name : Fhir.PROFILES.shippedNames()) {
            MappingProfile profile = Fhir.PROFILES.shipped(name);
            List<MappingProfile.FhirPaths> all = new ArrayList<>();
            Stream.concat(profile.patient().stream(), profile.questionnaireResponse().stream())
                    .forEach(evidence -> {
                        all.addAll(List.of(
                                evidence.patient(),
                                evidence.referralCode(),
                                evidence.channel(),
                                evidence.referrer(),
                                evidence.program(),
                                evidence.capturedDate(),
                                evidence.method()));
                        MappingProfile.ReferrerDetails details = evidence.referrerDetails();
                        all.addAll(List.of(
                                details.identifier(),
                                details.name(),
                                details.given(),
                                details.family(),
                                details.birthDate(),
                                details.phone(),
                                details.email()));
                    });
            MappingProfile.Encounter encounter = profile.encounter();
            all.addAll(List.of(
                    encounter.patient(),
                    encounter.status(),
                    encounter.classCode(),
                    encounter.serviceLine(),
                    encounter.periodStart(),
                    encounter.periodEnd()));
            MappingProfile.Coverage coverage = profile.coverage();
            all.addAll(List.of(
                    coverage.beneficiary(),
                    coverage.status(),
                    coverage.periodStart(),
                    coverage.periodEnd(),
                    coverage.state(),
                    coverage.payerCodes()));
            all.forEach(paths -> paths.alternatives().forEach(expression -> expressions.add(expression.fhirPath())));
        }
        return expressions;
    }
}
