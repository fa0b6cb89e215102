package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.Patients;

class ReferralExtensionsTests {

    @Test
    void namesTheReferrerAndKeepsEverythingElse() {
        Patient patient = Patients.referredWithCode("Kept", "ABCD-EFGH");

        assertThat(ReferralExtensions.setReferrer(patient, "Patient/7")).isTrue();

        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        assertThat(((Reference) source.getExtensionByUrl(ReferralSource.REFERRER)
                                .getValue())
                        .getReference())
                .isEqualTo("Patient/7");
        assertThat(source.getExtensionByUrl(ReferralSource.CODE).getValue().primitiveValue())
                .isEqualTo("ABCD-EFGH");
        assertThat(source.getExtensionByUrl(ReferralSource.CHANNEL)).isNotNull();
        assertThat(patient.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
        assertThat(patient.getText().getDivAsString()).contains("Kept");
    }

    @Test
    void changesNothingWhenTheReferrerIsAlreadyNamed() {
        Patient patient = Patients.referredWithCode("Same", "ABCD-EFGH");
        ReferralExtensions.setReferrer(patient, "Patient/7");

        assertThat(ReferralExtensions.setReferrer(patient, "Patient/7")).isFalse();
        assertThat(patient.getExtensionByUrl(ReferralSource.URL).getExtensionsByUrl(ReferralSource.REFERRER))
                .hasSize(1);
    }

    @Test
    void addsTheExtensionWithAChannelWhenTheEvidenceCameFromElsewhere() {
        Patient patient = Patients.existing("Elsewhere");

        assertThat(ReferralExtensions.setReferrer(patient, "Patient/9")).isTrue();

        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        assertThat(source.getExtensionByUrl(ReferralSource.CHANNEL)).isNotNull();
        assertThat(source.getExtensionByUrl(ReferralSource.REFERRER)).isNotNull();
    }

    @Test
    void writesTheAdvocateOnceAndKeepsTheirCountOfSuccessfulReferrals() {
        Patient patient = Patients.existing("Advocate");
        Instant enrolled = Instant.parse("2026-03-04T10:15:00Z");

        assertThat(ReferralExtensions.setAdvocate(patient, "ABCD-EFGH", enrolled))
                .isTrue();
        assertThat(ReferralExtensions.setAdvocate(patient, "ABCD-EFGH", enrolled))
                .isFalse();

        patient.getExtensionByUrl(ReferralAdvocate.URL)
                .getExtensionByUrl(ReferralAdvocate.SUCCESSFUL_REFERRALS)
                .setValue(new UnsignedIntType(3));
        assertThat(ReferralExtensions.setAdvocate(patient, "JKMN-PQRS", enrolled))
                .isTrue();
        Extension advocate = patient.getExtensionByUrl(ReferralAdvocate.URL);
        assertThat(patient.getExtensionsByUrl(ReferralAdvocate.URL)).hasSize(1);
        assertThat(advocate.getExtensionByUrl(ReferralAdvocate.CODE).getValue().primitiveValue())
                .isEqualTo("JKMN-PQRS");
        assertThat(advocate.getExtensionByUrl(ReferralAdvocate.ENROLLED)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("2026-03-04");
        assertThat(advocate.getExtensionByUrl(ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("3");
        assertThat(patient.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
    }
}
