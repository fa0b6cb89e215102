package org.referralbridge.fhirplugin.client;

/** The EHR answered, but with a body that is not a FHIR resource we can parse. */
public final class EhrResponseMalformed extends EhrException {

    EhrResponseMalformed(String operation, Throwable cause) {
        super("EHR response to " + operation + " is not a parseable FHIR resource", cause);
    }
}
