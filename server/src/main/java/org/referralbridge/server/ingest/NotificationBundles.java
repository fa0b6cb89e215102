package org.referralbridge.server.ingest;

import java.util.Optional;
import org.referralbridge.fhirplugin.notification.MalformedNotification;
import org.referralbridge.fhirplugin.notification.NotificationBundleParser;
import org.referralbridge.fhirplugin.notification.NotificationEvent;
import org.referralbridge.fhirplugin.notification.SubscriptionNotification;
import org.referralbridge.server.queue.PermanentFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic-based notification Bundle (Subscriptions R5 Backport IG, or HAPI FHIR's variant of it): each event's
 * focus becomes a resource-changed inbox item, handled like a rest-hook notification. Event numbers are tracked
 * per Subscription: a gap (events that never arrived), an empty event, or a heartbeat that counts more events than
 * we saw, requests a catch-up search.
 */
class NotificationBundles {

    private static final Logger log = LoggerFactory.getLogger(NotificationBundles.class);

    private final NotificationBundleParser parser;
    private final Inbox inbox;
    private final SubscriptionEvents events;

    NotificationBundles(NotificationBundleParser parser, Inbox inbox, SubscriptionEvents events) {
        this.parser = parser;
        this.inbox = inbox;
        this.events = events;
    }

    void received(String bundle) {
        SubscriptionNotification notification;
        try {
            notification = parser.parse(bundle);
        } catch (MalformedNotification e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
        boolean catchUp = false;
        for (NotificationEvent event : notification.events()) {
            if (event.focus() == null) {
                catchUp = true;
            } else if (NotificationController.WATCHED_TYPES.contains(
                    event.focus().resourceType())) {
                inbox.resourceChanged(
                        event.focus().resourceType(),
                        event.focus().id(),
                        event.focus().versionId());
            }
        }
        catchUp |= missedEvents(notification);
        if (catchUp) {
            inbox.catchUpRequested();
        }
        log.debug(
                "{} notification from {} with {} event(s)",
                notification.type(),
                notification.subscription(),
                notification.events().size());
    }

    private boolean missedEvents(SubscriptionNotification notification) {
        Optional<Long> seen = events.highestSeen(notification.subscription());
        long lowest = notification.events().stream()
                .mapToLong(NotificationEvent::eventNumber)
                .min()
                .orElse(Long.MAX_VALUE);
        long highest = notification.events().stream()
                .mapToLong(NotificationEvent::eventNumber)
                .max()
                .orElse(0);
        Long total = notification.eventsSinceSubscriptionStart();
        long announced = Math.max(highest, total == null ? 0 : total);
        boolean gap = seen.isPresent()
                && (lowest != Long.MAX_VALUE && lowest > seen.get() + 1
                        || notification.events().isEmpty() && announced > seen.get());
        if (announced > 0) {
            events.seen(notification.subscription(), announced);
        }
        if (gap) {
            log.info(
                    "Notifications of {} skipped events after {}: catching up",
                    notification.subscription(),
                    seen.get());
        }
        return gap;
    }
}
