package org.referralbridge.server.ingest;

/**
 * The secrets file cannot be used: missing, unreadable, empty, or a line no HTTP header can carry. The message names
 * the file and the line, never a secret.
 */
class NotifySecretsUnreadable extends RuntimeException {

    NotifySecretsUnreadable(String message) {
        super(message);
    }

    NotifySecretsUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
