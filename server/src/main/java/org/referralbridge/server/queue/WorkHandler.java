package org.referralbridge.server.queue;

import java.util.List;

/**
 * Does the work of one item. Returning normally completes it; {@link RetryLater} or any other exception retries it
 * with backoff; {@link PermanentFailure} dead-letters it at once. Handlers must be idempotent: after a crash or an
 * expired lease an item can be handled again.
 */
@FunctionalInterface
public interface WorkHandler {

    void handle(WorkItem item) throws Exception;

    /**
     * Called with the items of a claimed batch before the first of them is handled, e.g. to fetch what they need in
     * one request instead of one per item. It must not throw: what it could not prepare, {@link #handle} does on its
     * own. The worker calls {@link #batchDone} on the same thread after the batch.
     */
    default void prepare(List<WorkItem> batch) {}

    /** The batch {@link #prepare} saw is done with (handled, retried or released): drop what was kept for it. */
    default void batchDone() {}
}
