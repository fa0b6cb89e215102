package org.referralbridge.server.queue;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * The PHI-free text of a failure, for logs and a queue item's {@code last_error} (which the dead-letter API shows).
 *
 * <p>The messages of this project's exceptions name types, ids, operations and HTTP statuses only (a rule of the
 * code base), so they are kept. A message of anyone else's exception is never kept: a parser, driver or FHIR server
 * may quote the value it choked on, which can be a name or a birth date. Those are described by their class name,
 * plus the HTTP status where the exception carries one.
 */
public final class FailureText {

    private static final String OURS = "org.referralbridge.";

    private FailureText() {}

    public static String of(Throwable failure) {
        String type = failure.getClass().getSimpleName().isEmpty()
                ? failure.getClass().getName()
                : failure.getClass().getSimpleName();
        if (failure.getClass().getName().startsWith(OURS)) {
            String message = failure.getMessage();
            return message == null || message.isBlank() ? type : type + ": " + message;
        }
        if (failure instanceof BaseServerResponseException response) {
            return type + " (HTTP " + response.getStatusCode() + ")";
        }
        return type;
    }
}
