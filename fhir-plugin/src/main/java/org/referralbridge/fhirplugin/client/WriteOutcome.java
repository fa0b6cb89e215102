package org.referralbridge.fhirplugin.client;

import java.util.Objects;

/**
 * What a version-checked update did.
 *
 * @param result written, unchanged or not found
 * @param resourceType the resource type, e.g. {@code Patient}
 * @param id the logical id
 * @param versionId the version now current on the EHR: the new one when written, the one read when unchanged; null
 *     when not found or when the EHR does not report versions
 */
public record WriteOutcome(Result result, String resourceType, String id, String versionId) {

    public enum Result {
        /** The change was written with a version check. */
        WRITTEN,
        /** The resource already was as the change wanted it; nothing was written. */
        UNCHANGED,
        /** No such resource on the EHR (or it is deleted); nothing was written. */
        NOT_FOUND
    }

    public WriteOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(id, "id");
    }
}
