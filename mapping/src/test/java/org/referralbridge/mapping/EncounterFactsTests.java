package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class EncounterFactsTests {

    static final String SCT = "http://snomed.info/sct";

    private final ProfileEvaluator defaults = Fhir.defaultEvaluator();

    @Test
    void readsTheStandardEncounterFields() {
        var encounter = Encounters.encounter("e1")
                .of("Patient/p1")
                .finished()
                .classCode("AMB")
                .serviceType(SCT, "394814009")
                .period("2025-03-10T09:00:00-05:00", "2025-03-10T09:30:00-05:00")
                .build();

        assertThat(defaults.encounterFacts(encounter))
                .isEqualTo(new EncounterFacts(
                        "e1",
                        java.util.Optional.of("p1"),
                        java.util.Optional.of("finished"),
                        java.util.Optional.of("AMB"),
                        java.util.Optional.of("394814009"),
                        java.util.Optional.of(OffsetDateTime.of(2025, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(-5))),
                        java.util.Optional.of(OffsetDateTime.of(2025, 3, 10, 9, 30, 0, 0, ZoneOffset.ofHours(-5)))));
    }

    @Test
    void anEncounterWithoutSubjectOrPeriodHasEmptyFacts() {
        var facts = defaults.encounterFacts(Encounters.encounter("e2")
                .status(Encounter.EncounterStatus.CANCELLED)
                .build());

        assertThat(facts.status()).contains("cancelled");
        assertThat(facts.patientId()).isEmpty();
        assertThat(facts.periodStart()).isEmpty();
        assertThat(facts.periodEnd()).isEmpty();
    }

    @Test
    void aGroupSubjectIsNoPatient() {
        var facts = defaults.encounterFacts(
                Encounters.encounter("e3").of("Group/g1").finished().build());

        assertThat(facts.patientId()).isEmpty();
    }

    @Test
    void mapsServiceLinesThroughTheProfilesCodeMap() {
        var evaluator = Fhir.evaluator("""
                formatVersion: 1
                name: service-lines
                extends: default
                encounter:
                  serviceLine: type.coding
                  serviceLineMap:
                    "http://snomed.info/sct|185349003": primary-care
                    "http://snomed.info/sct|50849002": emergency
                  serviceLineDefault: other-care
                """);

        var checkUp = Encounters.encounter("e4")
                .of("Patient/p1")
                .type(SCT, "185349003")
                .build();
        var unknown =
                Encounters.encounter("e5").of("Patient/p1").type(SCT, "1234").build();
        var none = Encounters.encounter("e6").of("Patient/p1").build();

        assertThat(evaluator.encounterFacts(checkUp).serviceLine()).contains("primary-care");
        assertThat(evaluator.encounterFacts(unknown).serviceLine()).contains("other-care");
        assertThat(evaluator.encounterFacts(none).serviceLine()).contains("other-care");
        assertThat(evaluator.encounterFacts(checkUp).unmappedServiceLines()).isEmpty();
        assertThat(evaluator.encounterFacts(unknown).unmappedServiceLines()).containsExactly(new Datum(SCT, "1234"));
        assertThat(evaluator.encounterFacts(none).unmappedServiceLines()).isEmpty();
    }

    @Test
    void reportsNoUnmappedServiceLineWithoutAMap() {
        var facts = Fhir.defaultEvaluator()
                .encounterFacts(Encounters.encounter("e7")
                        .of("Patient/p1")
                        .type(SCT, "1234")
                        .build());

        assertThat(facts.serviceLine()).contains("1234");
        assertThat(facts.unmappedServiceLines()).isEmpty();
    }

    @Test
    void readsEveryRealSyntheaEncounterWithItsUrnUuidPatient() {
        Set<String> patientIds = SyntheaData.read("patients.ndjson.gz", Patient.class).stream()
                .map(p -> p.getIdElement().getIdPart())
                .collect(Collectors.toSet());
        var encounters = SyntheaData.read("encounters.ndjson.gz", Encounter.class);

        var facts = encounters.stream().map(defaults::encounterFacts).toList();

        assertThat(facts).hasSize(384);
        assertThat(facts).allSatisfy(f -> {
            assertThat(f.patientId())
                    .hasValueSatisfying(id -> assertThat(patientIds).contains(id));
            assertThat(f.status()).contains("finished");
            assertThat(f.periodStart()).isPresent();
            assertThat(f.periodEnd()).isPresent();
            assertThat(f.periodStart().get()).isBeforeOrEqualTo(f.periodEnd().get());
            assertThat(f.serviceLine()).isPresent();
        });
        Map<String, Long> byClass =
                facts.stream().collect(Collectors.groupingBy(f -> f.classCode().orElse("?"), Collectors.counting()));
        assertThat(byClass).containsExactlyInAnyOrderEntriesOf(Map.of("AMB", 365L, "EMER", 16L, "IMP", 3L));
        assertThat(facts.get(0).encounterId())
                .isEqualTo(encounters.get(0).getIdElement().getIdPart());
        assertThat(facts.stream().map(EncounterFacts::patientId).distinct().count())
                .isEqualTo(encounters.stream()
                        .map(e -> e.getSubject().getReference())
                        .distinct()
                        .count());
    }

    @Test
    void findsNoReferralEvidenceOnRealSyntheaPatients() {
        var patients = SyntheaData.read("patients.ndjson.gz", Patient.class);

        var withEvidence = patients.stream()
                .map(defaults::patientEvidence)
                .filter(java.util.Optional::isPresent)
                .count();

        assertThat(patients).hasSize(18);
        assertThat(withEvidence).isZero();
    }
}
