package org.referralbridge.server.ingest;

import ca.uhn.fhir.context.FhirContext;
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

    NotificationBodies(FhirContext fhirContext) {
        this.bundleCheck = new PushedBundleCheck(fhirContext.getResourceTypes()::contains);
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
            throw new NotificationRejected(
                    HttpStatus.BAD_REQUEST,
                    "invalid",
                    e.code() + " " + e.getMessage() + " (a non-empty POST must be a topic-based notification Bundle)");
        }
    }

    private static void requireJson(String contentType) {
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
