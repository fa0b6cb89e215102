package org.referralbridge.fhirplugin.client;

/**
 * The EHR refused the request with a 4xx status (other than 429 and the not-found a read turns into an empty
 * result). Retrying the same request will not help, unless {@link #isAuthenticationFailure()}: then no request gets
 * through until the credentials are fixed.
 */
public final class EhrRequestRejected extends EhrException {

    private final int status;
    private final String diagnostics;
    private final boolean authenticationFailure;

    EhrRequestRejected(String operation, int status, String diagnostics, Throwable cause) {
        this(operation, status, diagnostics, false, cause);
    }

    private EhrRequestRejected(
            String operation, int status, String diagnostics, boolean authenticationFailure, Throwable cause) {
        super(
                "EHR rejected " + operation + ": HTTP " + status
                        + (diagnostics.isEmpty() ? "" : " (" + diagnostics + ")"),
                cause);
        this.status = status;
        this.diagnostics = diagnostics;
        this.authenticationFailure = authenticationFailure;
    }

    /** Our credentials were refused: a final 401 from the EHR, or a 4xx from the token endpoint or its discovery. */
    static EhrRequestRejected authentication(String operation, int status, String diagnostics) {
        return new EhrRequestRejected(operation, status, diagnostics, true, null);
    }

    /**
     * True when the EHR (or its authorization server) refused our credentials rather than this request: every
     * request fails the same way until clinic IT fixes the auth settings or the EHR's client registration, so work
     * items are better kept for a later retry than given up on.
     */
    public boolean isAuthenticationFailure() {
        return authenticationFailure;
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
