package org.referralbridge.server.queue;

/**
 * An item to put on a queue.
 *
 * @param dedupeKey unique for ever: an item with a key already seen (pending or done) is dropped; may be null
 * @param pendingKey unique while pending: a second item with the key of a pending one is dropped; may be null
 */
public record NewWorkItem(
        String kind,
        String resourceType,
        String resourceId,
        String versionId,
        String payload,
        String dedupeKey,
        String pendingKey) {

    public NewWorkItem {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a work item needs a kind");
        }
    }
}
