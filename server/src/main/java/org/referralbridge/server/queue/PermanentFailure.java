package org.referralbridge.server.queue;

/** A failure that retrying cannot fix (e.g. the EHR rejected the request as invalid): dead-letter the item at once. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
