package org.referralbridge.server.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.referralbridge.fhirplugin.notification.BodyProblem;
import org.referralbridge.fhirplugin.notification.MalformedNotification;
import org.referralbridge.fhirplugin.notification.NotificationBundleParser;
import org.referralbridge.fhirplugin.notification.NotificationEvent;
import org.referralbridge.fhirplugin.notification.PushedBodyCheck;
import org.referralbridge.fhirplugin.notification.PushedBodyRejected;
import org.referralbridge.fhirplugin.notification.PushedBundleCheck;
import org.referralbridge.fhirplugin.notification.SubscriptionNotification;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The request-path checks of a notification body, each one streaming pass: JSON without duplicate keys, the resource
 * the URL says; for a notification Bundle also what the worker would refuse, and what of it is stored.
 */
@Component
class NotificationBodies {

    private final PushedBodyCheck check = new PushedBodyCheck();
    private final PushedBundleCheck bundleCheck;
    private final NotificationBundleParser bundleParser;
    private final FhirContext fhirContext;

    NotificationBodies(FhirContext fhirContext, NotifyProperties properties) {
        this.bundleCheck =
                new PushedBundleCheck(fhirContext.getResourceTypes()::contains, properties.maxBundleEntries());
        this.bundleParser = new NotificationBundleParser(fhirContext);
        this.fhirContext = fhirContext;
    }

    void checkResource(String type, String id, byte[] body, String contentType) {
        requireJson(contentType);
        try {
            check.check(type, id, body);
        } catch (PushedBodyRejected e) {
            throw new NotificationRejected(HttpStatus.BAD_REQUEST, "invalid", e.code() + " " + e.getMessage());
        }
    }

    /**
     * @return the notification reduced to the subscription, event numbers and focus ids and versions: the resources a
     *     full-resource notification carries are never stored
     */
    String checkBundle(byte[] body, String contentType) {
        requireJson(contentType);
        String reduced;
        try {
            reduced = bundleCheck.reduce(body);
        } catch (PushedBodyRejected e) {
            if (e.problem() == BodyProblem.TOO_MANY_ENTRIES) {
                throw new NotificationRejected(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "too-costly",
                        e.code() + " " + e.getMessage() + " (referralbridge.notify.max-bundle-entries)");
            }
            throw new NotificationRejected(
                    HttpStatus.BAD_REQUEST,
                    "invalid",
                    e.code() + " " + e.getMessage() + " (a non-empty POST must be a topic-based notification Bundle)");
        }
        requireWatchedFoci(reduced);
        return reduced;
    }

    /**
     * Only the types the service watches, as on the rest-hook path: an event whose focus is another type has the
     * whole notification refused, so the topic's wrong trigger shows at once. Reads the reduced Bundle (no resource
     * content, a few hundred bytes); one the parser refuses is left to the worker, which dead-letters it.
     */
    private void requireWatchedFoci(String reduced) {
        SubscriptionNotification notification;
        try {
            notification = bundleParser.parse(reduced);
        } catch (MalformedNotification | DataFormatException e) {
            return;
        }
        for (NotificationEvent event : notification.events()) {
            String type = event.focus() == null ? null : event.focus().resourceType();
            if (type != null && !NotificationController.WATCHED_TYPES.contains(type)) {
                throw new NotificationRejected(
                        HttpStatus.BAD_REQUEST,
                        "not-supported",
                        "notification event " + event.eventNumber() + " has a focus of type "
                                + (fhirContext.getResourceTypes().contains(type) ? type : "unknown to FHIR R4")
                                + ", which Referral Bridge does not watch; it watches "
                                + String.join(
                                        ", ",
                                        NotificationController.WATCHED_TYPES.stream()
                                                .sorted()
                                                .toList()));
            }
        }
    }

    /** A body of another type than JSON is refused (415) before it is read: also one a multipart parser consumed. */
    static void requireJson(String contentType) {
        if (contentType != null
                && !contentType.isBlank()
                && !contentType.toLowerCase().contains("json")) {
            throw new NotificationRejected(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "not-supported",
                    "only FHIR JSON notifications are accepted (got a body of another type): set the Subscription's"
                            + " channel.payload to application/fhir+json");
        }
    }
}
