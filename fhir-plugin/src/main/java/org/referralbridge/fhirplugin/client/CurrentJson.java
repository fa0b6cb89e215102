package org.referralbridge.fhirplugin.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource's JSON as the EHR returned it in a search, with the version it carried: what {@link
 * EhrClient#updateExtension(String, String, String, ExtensionChange, CurrentJson)} changes instead of reading the
 * resource first. Opaque to callers; used once.
 */
public final class CurrentJson {

    private final String resourceType;
    private final String id;
    private final ObjectNode resource;
    private final String versionId;

    CurrentJson(String resourceType, String id, ObjectNode resource, String versionId) {
        this.resourceType = resourceType;
        this.id = id;
        this.resource = resource;
        this.versionId = versionId;
    }

    public String resourceType() {
        return resourceType;
    }

    public String id() {
        return id;
    }

    /** The version the JSON is of, or null when the EHR gave none (such a resource is read again before a write). */
    public String versionId() {
        return versionId;
    }

    ObjectNode resource() {
        return resource;
    }
}
