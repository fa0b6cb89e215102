package org.referralbridge.fhirplugin.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The entries after the SubscriptionStatus, by resource type and id. Finds them whether the fullUrl is absolute
 * (Backport IG), relative and versioned (HAPI FHIR 8.8.0), or a urn:uuid; an entry may carry only a fullUrl
 * (HAPI's id-only notifications), which still tells the version.
 */
final class IncludedResources {

    private final Map<String, Included> byTypeAndId = new HashMap<>();
    private final Map<String, Included> byFullUrl = new HashMap<>();

    record Included(ResourceRef ref, Resource resource) {}

    IncludedResources(List<BundleEntryComponent> entries) {
        for (BundleEntryComponent entry : entries) {
            Included included = included(entry);
            if (included != null) {
                byTypeAndId.putIfAbsent(key(included.ref()), included);
                if (entry.hasFullUrl()) {
                    byFullUrl.putIfAbsent(entry.getFullUrl(), included);
                }
            }
        }
    }

    /** The entry a reference from the SubscriptionStatus points at, if the Bundle has it. */
    Included find(ResourceRef ref) {
        return byTypeAndId.get(key(ref));
    }

    /** The entry whose fullUrl is exactly this reference (how a urn:uuid reference resolves). */
    Included findByFullUrl(String reference) {
        return byFullUrl.get(reference);
    }

    private static Included included(BundleEntryComponent entry) {
        IdType fullUrl = entry.hasFullUrl() ? new IdType(entry.getFullUrl()) : null;
        String urlVersion = fullUrl == null ? null : fullUrl.getVersionIdPart();
        Resource resource = entry.getResource();
        if (resource != null && resource.getIdElement().hasIdPart()) {
            String version =
                    urlVersion != null ? urlVersion : resource.getMeta().getVersionId();
            return new Included(
                    new ResourceRef(resource.fhirType(), resource.getIdElement().getIdPart(), version), resource);
        }
        if (fullUrl != null && fullUrl.hasResourceType() && fullUrl.hasIdPart()) {
            return new Included(new ResourceRef(fullUrl.getResourceType(), fullUrl.getIdPart(), urlVersion), resource);
        }
        return null;
    }

    private static String key(ResourceRef ref) {
        return ref.resourceType() + "/" + ref.id();
    }
}
