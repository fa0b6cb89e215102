package org.referralbridge.fhirplugin.notification;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One event in a topic-based notification.
 *
 * @param eventNumber the event's number since the Subscription started
 * @param timestamp when the event happened, as sent (an instant in the Backport IG, a date from HAPI FHIR 8.8.0), or
 *     null
 * @param focus the resource the event is about, or null in an {@code empty} notification
 * @param additionalContext other resources the EHR named for context
 * @param resource the focus resource itself when the notification carried it ({@code full-resource}), else null
 */
public record NotificationEvent(
        long eventNumber,
        String timestamp,
        ResourceRef focus,
        List<ResourceRef> additionalContext,
        IBaseResource resource) {

    public NotificationEvent {
        additionalContext = List.copyOf(Objects.requireNonNull(additionalContext, "additionalContext"));
    }

    /** Whether the notification carried the focus resource, so a worker may skip reading it (if it trusts it). */
    public boolean fullResource() {
        return resource != null;
    }
}
