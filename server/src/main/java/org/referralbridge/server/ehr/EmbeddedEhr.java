package org.referralbridge.server.ehr;

/** An EHR served by this application itself (the sandbox); used when no external EHR base URL is configured. */
public interface EmbeddedEhr {

    /** The path of its FHIR base on this application's web server, e.g. {@code /sandbox/fhir}. */
    String basePath();
}
