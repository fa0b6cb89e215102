package org.referralbridge.testehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class HapiJpaTestServerIntegrationTests {

    private final HapiJpaTestServer server = HapiJpaTestServer.shared();
    private final IGenericClient client = server.client();

    @Test
    void servesAnR4CapabilityStatementOnARandomPort() {
        CapabilityStatement capabilities =
                client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(server.port()).isPositive();
        assertThat(server.startupTime()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/fhir");
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(resource -> resource.getType())
                .contains("Patient", "Encounter", "Subscription", "SearchParameter");
    }

    @Test
    void sharesOneServerPerJvm() {
        assertThat(HapiJpaTestServer.shared()).isSameAs(server);
    }

    @Test
    void createsReadsUpdatesSearchesAndDeletesAPatient() {
        String mrn = UUID.randomUUID().toString();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("https://ehr.example/mrn").setValue(mrn);
        patient.addName().setFamily("Testperson").addGiven("Alex");

        MethodOutcome created = client.create().resource(patient).execute();
        String id = created.getId().getIdPart();
        assertThat(created.getId().getVersionIdPart()).isEqualTo("1");

        Patient read = client.read().resource(Patient.class).withId(id).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Testperson");

        read.getNameFirstRep().setFamily("Renamed");
        MethodOutcome updated = client.update().resource(read).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        Bundle found = client.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://ehr.example/mrn", mrn))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        assertThat(((Patient) found.getEntryFirstRep().getResource())
                        .getNameFirstRep()
                        .getFamily())
                .isEqualTo("Renamed");

        client.delete().resourceById("Patient", id).execute();
        assertThatThrownBy(
                        () -> client.read().resource(Patient.class).withId(id).execute())
                .isInstanceOf(ResourceGoneException.class);
    }
}
