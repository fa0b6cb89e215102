package org.referralbridge.fhirplugin.notification;

import java.util.List;
import java.util.Objects;

/**
 * A parsed topic-based notification (an R4 Backport IG notification Bundle or HAPI FHIR's variant of it).
 *
 * @param type handshake, heartbeat, event-notification, query-status or query-event
 * @param subscription the Subscription reference as sent, e.g. {@code Subscription/admission}
 * @param topic the SubscriptionTopic canonical, or null
 * @param status the Subscription's status as the EHR sees it (e.g. {@code active}), or null
 * @param eventsSinceSubscriptionStart the EHR's event counter, or null when not sent
 * @param events the events, in the order sent; empty for handshakes, heartbeats and query-status
 * @param errors codes of the errors the EHR reported for the Subscription
 */
public record SubscriptionNotification(
        NotificationType type,
        String subscription,
        String topic,
        String status,
        Long eventsSinceSubscriptionStart,
        List<NotificationEvent> events,
        List<String> errors) {

    public SubscriptionNotification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subscription, "subscription");
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }
}
