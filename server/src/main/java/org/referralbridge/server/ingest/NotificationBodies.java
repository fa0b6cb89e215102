package org.referralbridge.server.ingest;

import ca.uhn.fhir.context.FhirContext;
import org.referralbridge.fhirplugin.notification.BodyProblem;
import org.referralbridge.fhirplugin.notification.PushedBodyCheck;
import org.referralbridge.fhirplugin.notification.PushedBodyRejected;
import org.referralbridge.fhirplugin.notification.PushedBundleCheck;
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

    NotificationBodies(FhirContext fhirContext, NotifyProperties properties) {
        this.bundleCheck =
                new PushedBundleCheck(fhirContext.getResourceTypes()::contains, properties.maxBundleEntries());
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
        try {
            return bundleCheck.reduce(body);
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
