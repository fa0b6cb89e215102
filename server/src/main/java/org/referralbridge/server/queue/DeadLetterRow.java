package org.referralbridge.server.queue;

import java.time.Instant;

/**
 * A dead letter as clinic IT's pages list it: what it was about and why it died. Nothing in it is PHI: the subject is
 * {@code Type/id}, the error a {@link FailureText}.
 *
 * @param failedAt when it was given up on
 */
public record DeadLetterRow(
        long id, String kind, String subject, int attempts, Instant createdAt, Instant failedAt, String lastError) {}
