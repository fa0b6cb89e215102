package org.referralbridge.fhirplugin.client;

/** The EHR answered, but with a body that is not what the request calls for (a FHIR resource, a token response). */
public final class EhrResponseMalformed extends EhrException {

    EhrResponseMalformed(String operation, Throwable cause) {
        this(operation, "is not a parseable FHIR resource", cause);
    }

    /** @param problem what is wrong, completing "EHR response to {operation} ..." */
    EhrResponseMalformed(String operation, String problem, Throwable cause) {
        super("EHR response to " + operation + " " + problem, cause);
    }
}
