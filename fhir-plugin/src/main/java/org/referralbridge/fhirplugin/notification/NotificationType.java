package org.referralbridge.fhirplugin.notification;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of topic-based notification (Subscriptions R5 Backport IG, SubscriptionStatus.type). */
public enum NotificationType {
    HANDSHAKE("handshake"),
    HEARTBEAT("heartbeat"),
    EVENT_NOTIFICATION("event-notification"),
    QUERY_STATUS("query-status"),
    QUERY_EVENT("query-event");

    private final String code;

    NotificationType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Optional<NotificationType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
