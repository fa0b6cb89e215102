package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The annotated example in mapping/README.md is a working profile. */
class ReadmeExampleTests {

    private static String exampleProfile() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theReadmeExampleLoadsAndReadsAcmesEvidence() throws Exception {
        var profile = Fhir.PROFILES.load(exampleProfile(), "README.md");
        var evaluator = new ProfileEvaluator(Fhir.CONTEXT, profile);
        var patient = Patients.patient("p1")
                .extension(
                        "http://acme-ehr.example/fhir/StructureDefinition/how-heard",
                        new Coding("http://acme-ehr.example/codes/how-heard", "FR", null))
                .extension("http://acme-ehr.example/fhir/StructureDefinition/referral-code", new StringType("ANNA-7"))
                .extension("http://acme-ehr.example/fhir/StructureDefinition/referrer-member", new StringType("M-1001"))
                .build();
        var medicaid = Coverages.coverage("c1")
                .of("Patient/p1")
                .payerIdentified("http://acme.example/payer-id", "TXMCD")
                .build();

        assertThat(profile.name()).isEqualTo("acme-epic");
        assertThat(profile.writeBack().flag()).isPresent();
        assertThat(evaluator.patientEvidence(patient)).hasValueSatisfying(evidence -> {
            assertThat(evidence.channel()).isEqualTo(ReferralChannel.FRIEND_FAMILY);
            assertThat(evidence.program()).contains("spring-2025");
            assertThat(evidence.method()).contains("front-desk");
            assertThat(evidence.referrerIdentifier())
                    .contains(new ReferrerIdentifier("http://acme.example/sid/member-number", "M-1001"));
        });
        assertThat(profile.precedence()).containsExactly("QuestionnaireResponse", "Patient");
        assertThat(profile.referrerMatching().order())
                .containsExactly(
                        ReferrerMatching.Strategy.REFERRER_REFERENCE,
                        ReferrerMatching.Strategy.REFERRAL_CODE,
                        ReferrerMatching.Strategy.REFERRER_IDENTIFIER,
                        ReferrerMatching.Strategy.REFERRER_NAME);
        assertThat(evaluator.coverageFacts(medicaid).federalPrograms()).containsExactly(FederalProgram.MEDICAID);
    }
}
