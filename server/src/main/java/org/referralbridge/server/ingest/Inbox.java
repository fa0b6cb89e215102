package org.referralbridge.server.ingest;

import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;

/** What the EHR told us, stored durably before we answer it; the inbox worker does the rest. */
class Inbox {

    static final String RESOURCE_CHANGED = "resource-changed";
    static final String CATCH_UP = "catch-up";
    static final String NOTIFICATION_BUNDLE = "notification-bundle";

    private final WorkQueue queue;

    Inbox(WorkQueue queue) {
        this.queue = queue;
    }

    /**
     * A resource changed. With a version, a repeated delivery of that version is dropped for good; without one,
     * repeats collapse while one is pending, since the worker reads whatever version is current.
     *
     * @return false when it was a repeat
     */
    boolean resourceChanged(String type, String id, String versionId) {
        String subject = type + "/" + id;
        NewWorkItem item = versionId == null
                ? new NewWorkItem(RESOURCE_CHANGED, type, id, null, null, null, subject)
                : new NewWorkItem(
                        RESOURCE_CHANGED, type, id, versionId, null, subject + "/_history/" + versionId, null);
        return queue.enqueue(item);
    }

    /** An empty notification: something changed, the EHR did not say what. */
    boolean catchUpRequested() {
        return queue.enqueue(new NewWorkItem(CATCH_UP, null, null, null, null, null, CATCH_UP));
    }

    /**
     * A topic-based notification Bundle, as {@link NotificationBodies#checkBundle} reduced it (ids, versions, event
     * numbers: no resource content); the worker parses it.
     */
    boolean notificationBundle(String payload) {
        return queue.enqueue(new NewWorkItem(NOTIFICATION_BUNDLE, "Bundle", null, null, payload, null, null));
    }
}
