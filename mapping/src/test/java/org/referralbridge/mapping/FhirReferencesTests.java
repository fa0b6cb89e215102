package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FhirReferencesTests {

    @Test
    void readsThePatientIdOfRelativeAbsoluteVersionedAndUrnReferences() {
        assertThat(FhirReferences.patientId(Datum.text("Patient/123"))).contains("123");
        assertThat(FhirReferences.patientId(Datum.text("https://ehr.example/fhir/Patient/a-1.b")))
                .contains("a-1.b");
        assertThat(FhirReferences.patientId(Datum.text("Patient/123/_history/7")))
                .contains("123");
        assertThat(FhirReferences.patientId(Datum.text("urn:uuid:018f428e-34f6-4707-8009-5ad742f901e7")))
                .contains("018f428e-34f6-4707-8009-5ad742f901e7");
        assertThat(FhirReferences.patientId(Datum.text("plain-id"))).contains("plain-id");
    }

    @Test
    void readsNoPatientIdFromOtherTypesOrContainedReferences() {
        assertThat(FhirReferences.patientId(Datum.text("Group/1"))).isEmpty();
        assertThat(FhirReferences.patientId(new Datum("Group", "urn:uuid:1"))).isEmpty();
        assertThat(FhirReferences.patientId(Datum.text("#contained"))).isEmpty();
        assertThat(FhirReferences.patientId(Datum.text("Doe, Jane"))).isEmpty();
    }

    @Test
    void writesReferencesAsTypeAndIdOnly() {
        assertThat(FhirReferences.typedReference(Datum.text("https://ehr.example/fhir/RelatedPerson/9/_history/2")))
                .contains("RelatedPerson/9");
        assertThat(FhirReferences.typedReference(new Datum("Practitioner", "urn:uuid:abc")))
                .contains("Practitioner/abc");
        assertThat(FhirReferences.typedReference(Datum.text("urn:uuid:abc"))).isEmpty();
        assertThat(FhirReferences.typedReference(Datum.text("ANNA-7"))).isEmpty();
    }
}
