package org.referralbridge.fhirplugin.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resource versions this client wrote lately, so the notification of a version it made itself can be told from
 * a change somebody else made without reading the resource again. Bounded: the oldest are forgotten first, and a
 * forgotten version is simply read again (the slow path is always correct). In memory only: after a restart, or on
 * another instance, an echo is read as any other change.
 *
 * <p>An EHR may deliver the notification of a write before its answer to the write has reached us. A question about
 * a resource with a write of ours still under way therefore waits (briefly) for that write to end before it answers.
 */
final class OwnWrites {

    private final int capacity;
    private final Map<String, Boolean> versions;
    private final Map<String, Integer> underWay = new HashMap<>();

    OwnWrites(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.versions = new LinkedHashMap<>(Math.min(capacity, 1024) + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > OwnWrites.this.capacity;
            }
        };
    }

    /** A write of the resource starts; each call is followed by one {@link #ended}. */
    synchronized void started(String resourceType, String id) {
        underWay.merge(resource(resourceType, id), 1, Integer::sum);
    }

    /** @param versionWritten the version the write made, or null when it wrote nothing or the EHR did not say */
    synchronized void ended(String resourceType, String id, String versionWritten) {
        String resource = resource(resourceType, id);
        underWay.computeIfPresent(resource, (key, count) -> count == 1 ? null : count - 1);
        if (versionWritten != null) {
            versions.put(resource + "/_history/" + versionWritten, Boolean.TRUE);
        }
        notifyAll();
    }

    /**
     * Whether that version is one of ours; waits up to {@code patience} while a write of the resource is under way.
     */
    synchronized boolean isOwn(String resourceType, String id, String versionId, Duration patience)
            throws InterruptedException {
        if (versionId == null) {
            return false;
        }
        String resource = resource(resourceType, id);
        String version = resource + "/_history/" + versionId;
        long deadline = System.nanoTime() + patience.toNanos();
        while (!versions.containsKey(version) && underWay.containsKey(resource)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return versions.containsKey(version);
    }

    private static String resource(String resourceType, String id) {
        return resourceType + '/' + id;
    }
}
