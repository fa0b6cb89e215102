package org.referralbridge.server.queue;

import java.time.Instant;

/**
 * An item claimed from a queue; {@code attempts} counts this attempt too.
 *
 * @param claimToken the token of the claim this item was read under (null when read without claiming it): the
 *     queue records a result only while the row still carries it
 */
public record WorkItem(
        long id,
        String kind,
        String resourceType,
        String resourceId,
        String versionId,
        String payload,
        int attempts,
        Instant createdAt,
        String lastError,
        String claimToken) {

    /** {@code Type/id}, or {@code Type/id/_history/v} when the version is known; never PHI. */
    public String subject() {
        if (resourceType == null) {
            return kind;
        }
        return versionId == null
                ? resourceType + "/" + resourceId
                : resourceType + "/" + resourceId + "/_history/" + versionId;
    }
}
