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
     * may quote patient data. For a 401 it says which credentials were refused (e.g. {@code static bearer token
     * refused, and it cannot be renewed}); for a refused SMART token request it is the OAuth error code (e.g. {@code
     * invalid_client}).
     */
    public String diagnostics() {
        return diagnostics;
    }
}
