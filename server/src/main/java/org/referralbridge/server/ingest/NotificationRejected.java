package org.referralbridge.server.ingest;

import org.springframework.http.HttpStatus;

/**
 * A notification refused at the door; becomes an OperationOutcome naming the problem. Messages never quote the
 * body (it may hold PHI).
 */
class NotificationRejected extends RuntimeException {

    private final HttpStatus status;
    private final String issueType;

    NotificationRejected(HttpStatus status, String issueType, String message) {
        this(status, issueType, message, true);
    }

    /** @param stackTrace false for a refusal that may come thousands of times a second, where one costs too much */
    NotificationRejected(HttpStatus status, String issueType, String message, boolean stackTrace) {
        super(message, null, false, stackTrace);
        this.status = status;
        this.issueType = issueType;
    }

    HttpStatus status() {
        return status;
    }

    /** An OperationOutcome issue type code, e.g. {@code invalid}, {@code security}, {@code too-costly}. */
    String issueType() {
        return issueType;
    }
}
