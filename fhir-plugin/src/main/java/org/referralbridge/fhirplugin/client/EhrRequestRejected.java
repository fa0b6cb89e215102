package org.referralbridge.fhirplugin.client;

/**
 * The EHR refused the request with a 4xx status (other than 429 and the not-found a read turns into an empty
 * result). Retrying the same request will not help.
 */
public final class EhrRequestRejected extends EhrException {

    private final int status;
    private final String diagnostics;

    EhrRequestRejected(String operation, int status, String diagnostics, Throwable cause) {
        super(
                "EHR rejected " + operation + ": HTTP " + status
                        + (diagnostics.isEmpty() ? "" : " (" + diagnostics + ")"),
                cause);
        this.status = status;
        this.diagnostics = diagnostics;
    }

    public int status() {
        return status;
    }

    /**
     * The severity and code of each OperationOutcome issue (e.g. {@code error:invalid}), never its free text, which
     * may quote patient data.
     */
    public String diagnostics() {
        return diagnostics;
    }
}
