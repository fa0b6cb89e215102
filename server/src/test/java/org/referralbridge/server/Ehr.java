package org.referralbridge.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Patient;

/** A plain HAPI client on the sandbox EHR, as a clinic's staff (or its EHR's own UI) would use it. */
public final class Ehr {

    private final IGenericClient client;

    public Ehr(FhirContext fhirContext, int port) {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.client = fhirContext.newRestfulGenericClient("http://localhost:" + port + "/sandbox/fhir");
    }

    /** Creates the patient and returns its new id. */
    public String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }

    public Patient patient(String id) {
        return client.read().resource(Patient.class).withId(id).execute();
    }

    public IGenericClient client() {
        return client;
    }
}
