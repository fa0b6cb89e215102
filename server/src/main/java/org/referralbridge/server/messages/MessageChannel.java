package org.referralbridge.server.messages;

/**
 * A way a program message reaches (or is recorded for) the patient. A channel throws
 * {@link org.referralbridge.server.queue.RetryLater} for a failure worth retrying (the SMTP server is away) and
 * {@link org.referralbridge.server.queue.PermanentFailure} for one that retrying cannot fix; a message delivered twice
 * must change nothing the second time where the channel can tell (the EHR's conditional create), which is why every
 * delivery goes through the outbox with a dedupe key.
 */
public interface MessageChannel {

    /** The channel's name, in outbox rows and the audit trail ({@code email}, {@code ehr}). */
    String name();

    void deliver(OutgoingMessage message);
}
