package org.referralbridge.fhirplugin.notification;

import java.util.Objects;

/**
 * A resource a notification points at.
 *
 * @param resourceType e.g. {@code Encounter}
 * @param id the logical id
 * @param versionId the version the notification is about, or null when it did not say
 */
public record ResourceRef(String resourceType, String id, String versionId) {

    public ResourceRef {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(id, "id");
    }

    ResourceRef withVersionIfUnknown(String version) {
        return versionId == null && version != null ? new ResourceRef(resourceType, id, version) : this;
    }
}
