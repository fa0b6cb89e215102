package org.referralbridge.server.cds;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;

/**
 * A {@code patient-view} hook call, read from its JSON body: the patient in view, who views it, and what the client
 * sent along (the prefetched Patient, or a FHIR server and token to read it from).
 *
 * @param userId the hook's {@code context.userId} (e.g. {@code Practitioner/123}), or null
 * @param prefetchedPatient the prefetch {@code patient}, or null when the client did not send it
 * @param accessToken the {@code fhirAuthorization.access_token}, or null
 */
record PatientViewRequest(
        String hookInstance,
        String patientId,
        String userId,
        String fhirServer,
        String accessToken,
        Patient prefetchedPatient) {

    static final String HOOK = "patient-view";
    static final String PREFETCH_KEY = "patient";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @Override
    public String toString() {
        return "PatientViewRequest[hookInstance=" + hookInstance + ", patient=" + patientId + "]";
    }

    static PatientViewRequest read(JsonNode body, FhirContext fhirContext) {
        if (body == null || !body.isObject()) {
            throw new CdsRequestInvalid("the body is not a JSON object: a CDS Hooks request is one");
        }
        String hook = text(body, "hook");
        if (hook == null) {
            throw new CdsRequestInvalid("hook is missing");
        }
        if (!HOOK.equals(hook)) {
            throw new CdsRequestInvalid("this service answers the patient-view hook, not another one");
        }
        String hookInstance = text(body, "hookInstance");
        if (hookInstance == null) {
            throw new CdsRequestInvalid("hookInstance is missing");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw new CdsRequestInvalid("context is missing or not an object");
        }
        String patientId = text(context, "patientId");
        if (patientId == null) {
            throw new CdsRequestInvalid("context.patientId is missing");
        }
        patientId = patientId.startsWith("Patient/") ? patientId.substring("Patient/".length()) : patientId;
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw new CdsRequestInvalid("context.patientId is not a FHIR id");
        }
        String fhirServer = text(body, "fhirServer");
        String accessToken = null;
        JsonNode authorization = body.get("fhirAuthorization");
        if (authorization != null && !authorization.isNull()) {
            if (fhirServer == null) {
                throw new CdsRequestInvalid("fhirAuthorization is given without fhirServer (CDS Hooks cds-r-1)");
            }
            accessToken = text(authorization, "access_token");
        }
        return new PatientViewRequest(
                hookInstance,
                patientId,
                text(context, "userId"),
                fhirServer,
                accessToken,
                prefetched(body.get("prefetch"), patientId, fhirContext));
    }

    private static Patient prefetched(JsonNode prefetch, String patientId, FhirContext fhirContext) {
        if (prefetch == null || prefetch.isNull()) {
            return null;
        }
        if (!prefetch.isObject()) {
            throw new CdsRequestInvalid("prefetch is not an object");
        }
        JsonNode patient = prefetch.get(PREFETCH_KEY);
        if (patient == null || patient.isNull()) {
            return null;
        }
        IBaseResource resource;
        try {
            resource = fhirContext.newJsonParser().parseResource(patient.toString());
        } catch (DataFormatException e) {
            throw new CdsRequestInvalid("prefetch.patient is not a FHIR resource");
        }
        if (!(resource instanceof Patient read)) {
            throw new CdsRequestInvalid(
                    "prefetch.patient is a " + resource.fhirType() + ", not the Patient the template asks for");
        }
        if (!patientId.equals(read.getIdElement().getIdPart())) {
            throw new CdsRequestInvalid("prefetch.patient is not the Patient named by context.patientId");
        }
        return read;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new CdsRequestInvalid(field + " is not a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
