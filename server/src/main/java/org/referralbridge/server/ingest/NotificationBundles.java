package org.referralbridge.server.ingest;

import org.referralbridge.fhirplugin.notification.MalformedNotification;
import org.referralbridge.fhirplugin.notification.NotificationBundleParser;
import org.referralbridge.fhirplugin.notification.NotificationEvent;
import org.referralbridge.fhirplugin.notification.SubscriptionNotification;
import org.referralbridge.server.queue.PermanentFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic-based notification Bundle (Subscriptions R5 Backport IG, or HAPI FHIR's variant of it): each event
 * becomes a resource-changed inbox item, which the worker then handles like a rest-hook notification.
 */
class NotificationBundles {

    private static final Logger log = LoggerFactory.getLogger(NotificationBundles.class);

    private final NotificationBundleParser parser;
    private final Inbox inbox;

    NotificationBundles(NotificationBundleParser parser, Inbox inbox) {
        this.parser = parser;
        this.inbox = inbox;
    }

    void received(String bundle) {
        SubscriptionNotification notification;
        try {
            notification = parser.parse(bundle);
        } catch (MalformedNotification e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
        switch (notification.type()) {
            case EVENT_NOTIFICATION, QUERY_EVENT -> {
                for (NotificationEvent event : notification.events()) {
                    if (event.focus() != null
                            && NotificationController.WATCHED_TYPES.contains(
                                    event.focus().resourceType())) {
                        inbox.resourceChanged(
                                event.focus().resourceType(),
                                event.focus().id(),
                                event.focus().versionId());
                    } else if (event.focus() == null) {
                        inbox.catchUpRequested();
                    }
                }
            }
            default -> log.debug("{} notification from {}", notification.type(), notification.subscription());
        }
    }
}
