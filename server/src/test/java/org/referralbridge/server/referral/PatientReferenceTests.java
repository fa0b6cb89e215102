package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatientReferenceTests {

    @Test
    void readsThePatientIdOutOfTheFormsEhrsWrite() {
        assertThat(PatientReference.idOf("Patient/123")).contains("123");
        assertThat(PatientReference.idOf("https://ehr.example/fhir/Patient/a-1.b"))
                .contains("a-1.b");
        assertThat(PatientReference.idOf("Patient/7/_history/3")).contains("7");
    }

    @Test
    void ignoresReferencesToOtherTypesAndNonsense() {
        assertThat(PatientReference.idOf("Practitioner/9")).isEmpty();
        assertThat(PatientReference.idOf("#contained")).isEmpty();
        assertThat(PatientReference.idOf(null)).isEmpty();
    }
}
