package org.referralbridge.fhirplugin.notification;

/** A notification that is not a readable topic-based notification Bundle; the message says which rule it broke. */
public final class MalformedNotification extends RuntimeException {

    MalformedNotification(String message) {
        super(message);
    }
}
