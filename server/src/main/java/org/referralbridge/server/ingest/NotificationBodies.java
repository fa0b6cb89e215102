package org.referralbridge.server.ingest;

import org.referralbridge.fhirplugin.notification.PushedBodyCheck;
import org.referralbridge.fhirplugin.notification.PushedBodyRejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The request-path checks of a notification body: JSON, and the resource the URL says, nothing deeper. */
@Component
class NotificationBodies {

    private final PushedBodyCheck check = new PushedBodyCheck();

    void checkResource(String type, String id, byte[] body, String contentType) {
        requireJson(contentType);
        try {
            check.check(type, id, body);
        } catch (PushedBodyRejected e) {
            throw new NotificationRejected(HttpStatus.BAD_REQUEST, "invalid", e.code() + " " + e.getMessage());
        }
    }

    void checkBundle(byte[] body, String contentType) {
        requireJson(contentType);
        try {
            check.check("Bundle", null, body);
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
