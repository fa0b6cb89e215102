package org.referralbridge.fhirplugin.client;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search result, for callers that keep their own place in it (a resumable backfill): the matching
 * resources, the Bundle's {@code total} when the EHR gave one, and the {@code next} link when there is a next page.
 */
public record SearchPage(List<IBaseResource> resources, Integer total, String nextUrl) {

    public Optional<Integer> totalIfKnown() {
        return Optional.ofNullable(total);
    }

    public boolean hasNext() {
        return nextUrl != null;
    }
}
