package org.referralbridge.fhirplugin.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Patient;

/**
 * HAPI's in-memory provider ignores If-None-Exist; real EHR servers honour it. This one does, for the one condition
 * the tests use: {@code identifier=system|value}.
 */
final class ConditionalCreatingPatientProvider extends HashMapResourceProvider<Patient> {

    ConditionalCreatingPatientProvider(FhirContext fhirContext) {
        super(fhirContext, Patient.class);
    }

    @Create
    @Override
    public synchronized MethodOutcome create(@ResourceParam Patient patient, RequestDetails request) {
        String condition = request.getHeader("If-None-Exist");
        if (condition != null) {
            String query = condition.substring(condition.indexOf('?') + 1);
            String wanted = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
            for (Patient existing : getStoredResources()) {
                boolean matches = existing.getIdentifier().stream()
                        .anyMatch(identifier -> wanted.equals(identifier.getSystem() + "|" + identifier.getValue()));
                if (matches) {
                    return new MethodOutcome(existing.getIdElement().toUnqualified(), false);
                }
            }
        }
        return super.create(patient, request);
    }
}
