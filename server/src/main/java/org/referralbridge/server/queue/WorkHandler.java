package org.referralbridge.server.queue;

/**
 * Does the work of one item. Returning normally completes it; {@link RetryLater} or any other exception retries it
 * with backoff; {@link PermanentFailure} dead-letters it at once. Handlers must be idempotent: after a crash or an
 * expired lease an item can be handled again.
 */
@FunctionalInterface
public interface WorkHandler {

    void handle(WorkItem item) throws Exception;
}
