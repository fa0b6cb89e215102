package org.referralbridge.fhirplugin.subscription;

import java.util.List;
import java.util.Objects;

/**
 * A rest-hook Subscription Referral Bridge needs on an EHR.
 *
 * @param criteria the R4 criteria, e.g. {@code Patient?} or {@code Encounter?status=finished}
 * @param endpoint where the EHR sends notifications
 * @param headers HTTP headers the EHR sends with each notification, e.g. {@code X-Referral-Bridge-Secret: <secret>}
 * @param payload the payload MIME type ({@code application/fhir+json}), or null for notifications without a body
 */
public record SubscriptionSpec(String criteria, String endpoint, List<String> headers, String payload) {

    public static final String FHIR_JSON = "application/fhir+json";

    public SubscriptionSpec {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(endpoint, "endpoint");
        headers = List.copyOf(headers);
        if (criteria.isBlank() || endpoint.isBlank()) {
            throw new IllegalArgumentException("a Subscription needs criteria and an endpoint");
        }
    }

    /** A rest-hook without headers that sends the resource as FHIR JSON. */
    public static SubscriptionSpec restHook(String criteria, String endpoint) {
        return new SubscriptionSpec(criteria, endpoint, List.of(), FHIR_JSON);
    }

    public SubscriptionSpec withHeader(String header) {
        List<String> more = new java.util.ArrayList<>(headers);
        more.add(header);
        return new SubscriptionSpec(criteria, endpoint, more, payload);
    }

    /** Notifications without a body (an empty POST): the receiver reads the changes itself. */
    public SubscriptionSpec withoutPayload() {
        return new SubscriptionSpec(criteria, endpoint, headers, null);
    }

    /** Header values are secrets: only their names are shown. */
    @Override
    public String toString() {
        List<String> names = headers.stream()
                .map(header -> header.contains(":") ? header.substring(0, header.indexOf(':')) + ": ***" : "***")
                .toList();
        return "SubscriptionSpec[criteria=" + criteria + ", endpoint=" + endpoint + ", headers=" + names + ", payload="
                + payload + "]";
    }
}
