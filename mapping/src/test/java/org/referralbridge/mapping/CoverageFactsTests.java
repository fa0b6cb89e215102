package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoverageFactsTests {

    private final ProfileEvaluator defaults = Fhir.defaultEvaluator();

    @Test
    void readsTheStandardCoverageFields() {
        var coverage = Coverages.coverage("c1")
                .of("Patient/p1")
                .type(Coverages.SOPT, "511")
                .period("2025-01-01", "2025-12-31")
                .build();

        var facts = defaults.coverageFacts(coverage);

        assertThat(facts.coverageId()).isEqualTo("c1");
        assertThat(facts.beneficiaryPatientId()).contains("p1");
        assertThat(facts.status()).contains("active");
        assertThat(facts.periodStart()).contains(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(facts.periodEnd()).contains(OffsetDateTime.of(2025, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(facts.federalBeneficiary())
                .as("SOPT 511 is commercial managed care")
                .isFalse();
    }

    @Test
    void recognisesMedicareByItsSourceOfPaymentCodeAndEverySubcode() {
        var traditional = Coverages.coverage("c2")
                .of("Patient/p1")
                .type(Coverages.SOPT, "1")
                .build();
        var advantage = Coverages.coverage("c3")
                .of("Patient/p1")
                .type(Coverages.SOPT, "111")
                .build();

        assertThat(defaults.coverageFacts(traditional).federalPrograms()).containsExactly(FederalProgram.MEDICARE);
        assertThat(defaults.coverageFacts(advantage).federalPrograms()).containsExactly(FederalProgram.MEDICARE);
    }

    @Test
    void recognisesMedicaidAndChipAndDualEligibility() {
        var medicaidHmo = Coverages.coverage("c4")
                .of("Patient/p1")
                .type(Coverages.SOPT, "211")
                .build();
        var medicaidChip = Coverages.coverage("c5")
                .of("Patient/p1")
                .type(Coverages.SOPT, "23")
                .build();
        var dual = Coverages.coverage("c6")
                .of("Patient/p1")
                .type(Coverages.SOPT, "14")
                .build();

        assertThat(defaults.coverageFacts(medicaidHmo).federalPrograms()).containsExactly(FederalProgram.MEDICAID);
        assertThat(defaults.coverageFacts(medicaidChip).federalPrograms())
                .containsExactlyInAnyOrder(FederalProgram.MEDICAID, FederalProgram.CHIP);
        assertThat(defaults.coverageFacts(dual).federalPrograms())
                .containsExactlyInAnyOrder(FederalProgram.MEDICARE, FederalProgram.MEDICAID);
    }

    @Test
    void recognisesTricareAndTheSoptOid() {
        var tricare = Coverages.coverage("c7")
                .of("Patient/p1")
                .type("urn:oid:2.16.840.1.113883.3.221.5", "3111")
                .build();

        assertThat(defaults.coverageFacts(tricare).federalPrograms()).containsExactly(FederalProgram.TRICARE);
    }

    @Test
    void treatsPublicHealthcareFromActCodeAsFederalToBeSafe() {
        var coverage = Coverages.coverage("c8")
                .of("Patient/p1")
                .type(Coverages.ACT_CODE, "PUBLICPOL")
                .build();
        var extended = Coverages.coverage("c9")
                .of("Patient/p1")
                .type(Coverages.ACT_CODE, "EHCPOL")
                .build();

        assertThat(defaults.coverageFacts(coverage).federalPrograms()).containsExactly(FederalProgram.OTHER_FEDERAL);
        assertThat(defaults.coverageFacts(extended).federalBeneficiary()).isFalse();
    }

    @Test
    void recognisesThePayerByName() {
        var coverage = Coverages.coverage("c10")
                .of("Patient/p1")
                .payerNamed("Medicare Advantage Gold")
                .build();
        var commercial = Coverages.coverage("c11")
                .of("Patient/p1")
                .payerNamed("Blue Shield PPO")
                .build();

        assertThat(defaults.coverageFacts(coverage).federalPrograms()).containsExactly(FederalProgram.MEDICARE);
        assertThat(defaults.coverageFacts(commercial).federalBeneficiary()).isFalse();
    }

    @Test
    void recognisesPayerIdentifiersAndActCodesAProfileNames() {
        var evaluator = Fhir.evaluator("""
                formatVersion: 1
                name: payer-ids
                extends: default
                coverage:
                  federalPrograms:
                    medicaid:
                      - "http://clinic.example/payer-id|TXMCD"
                      - "http://terminology.hl7.org/CodeSystem/v3-ActCode|SUBSIDMC"
                    tricare: ["http://clinic.example/payer-id|TRI*"]
                """);

        var byPayerId = Coverages.coverage("c12")
                .of("Patient/p1")
                .payerIdentified("http://clinic.example/payer-id", "TXMCD")
                .build();
        var byType = Coverages.coverage("c13")
                .of("Patient/p1")
                .type(Coverages.ACT_CODE, "SUBSIDMC")
                .build();
        var byPrefix = Coverages.coverage("c14")
                .of("Patient/p1")
                .payerIdentified("http://clinic.example/payer-id", "tri-west")
                .build();
        var otherSystem = Coverages.coverage("c15")
                .of("Patient/p1")
                .payerIdentified("http://elsewhere.example/payer-id", "TXMCD")
                .build();

        assertThat(evaluator.coverageFacts(byPayerId).federalPrograms()).containsExactly(FederalProgram.MEDICAID);
        assertThat(evaluator.coverageFacts(byType).federalPrograms()).containsExactly(FederalProgram.MEDICAID);
        assertThat(evaluator.coverageFacts(byPrefix).federalPrograms()).containsExactly(FederalProgram.TRICARE);
        assertThat(evaluator.coverageFacts(otherSystem).federalBeneficiary()).isFalse();
    }

    @Test
    void readsTheStateOfAContainedPayerAsATwoLetterCode() {
        var byCode = Coverages.coverage("c16")
                .of("Patient/p1")
                .containedPayerIn("tx")
                .build();
        var byName = Coverages.coverage("c17")
                .of("Patient/p1")
                .containedPayerIn("Texas")
                .build();
        var unknown = Coverages.coverage("c18")
                .of("Patient/p1")
                .containedPayerIn("Ontario")
                .build();

        assertThat(defaults.coverageFacts(byCode).state()).contains("TX");
        assertThat(defaults.coverageFacts(byName).state()).contains("TX");
        assertThat(defaults.coverageFacts(unknown).state()).isEmpty();
    }

    @Test
    void readsTheBeneficiaryOfATransactionBundleEntry() {
        var coverage = Coverages.coverage("c19")
                .of("urn:uuid:8f0e2c1a-0000-4000-8000-000000000001")
                .build();

        assertThat(defaults.coverageFacts(coverage).beneficiaryPatientId())
                .contains("8f0e2c1a-0000-4000-8000-000000000001");
    }
}
