package org.referralbridge.server.ingest;

import java.util.List;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistration;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotating the notification secret without a restart: re-reads the secrets file (on a schedule, and when clinic IT
 * asks) and, when the current secret changed, re-registers the Subscriptions so the EHR sends the new one. Every
 * reload someone asked for, and every change of the secrets, is published as {@code notify-secret.rotated}, with the
 * Subscriptions' ids (never a secret).
 */
@Component
class NotifySecretRotation {

    static final AuditAction ACTION = AuditAction.NOTIFY_SECRET_ROTATED;
    private static final Logger log = LoggerFactory.getLogger(NotifySecretRotation.class);

    private final NotifySecrets secrets;
    private final EhrSubscriptions subscriptions;
    private final ApplicationEventPublisher events;

    NotifySecretRotation(NotifySecrets secrets, EhrSubscriptions subscriptions, ApplicationEventPublisher events) {
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.events = events;
    }

    /**
     * Re-reads the secrets and re-registers the Subscriptions now, whether or not the file changed.
     *
     * @throws NotifySecretsUnreadable when the file cannot be used; the secrets in use stay as they were
     */
    Rotation reloadNow() {
        NotifySecrets.Reload reload;
        try {
            reload = secrets.reload();
        } catch (NotifySecretsUnreadable e) {
            events.publishEvent(ChangeMade.failed(ACTION));
            throw e;
        }
        return rotated(reload, subscriptions.register());
    }

    /** A changed file takes effect within {@code referralbridge.notify.secrets-check}; a broken one is logged. */
    @Scheduled(
            initialDelayString = "${referralbridge.notify.secrets-check:30s}",
            fixedDelayString = "${referralbridge.notify.secrets-check:30s}")
    void reloadIfChanged() {
        if (secrets.source() != NotifySecrets.Source.FILE) {
            return;
        }
        try {
            NotifySecrets.Reload reload = secrets.reload();
            if (reload.changed()) {
                log.info("Notification secrets changed: {} active", reload.active());
                rotated(reload, reload.currentChanged() ? subscriptions.register() : subscriptions.latest());
            }
        } catch (NotifySecretsUnreadable e) {
            log.warn("Keeping the notification secrets in use: {}", e.getMessage());
        }
    }

    private Rotation rotated(NotifySecrets.Reload reload, EhrSubscriptions.Check check) {
        List<SubscriptionRegistration> registrations = check == null ? List.of() : check.subscriptions();
        String[] ids = registrations.stream()
                .map(registration -> "Subscription/" + registration.subscriptionId())
                .toArray(String[]::new);
        String failure = check == null ? null : check.failure();
        events.publishEvent(failure == null ? ChangeMade.succeeded(ACTION, ids) : ChangeMade.failed(ACTION, ids));
        int reregistered = (int) registrations.stream()
                .filter(registration -> registration.action() != SubscriptionRegistration.Action.UNCHANGED)
                .count();
        return new Rotation(reload, reregistered, List.of(ids), failure);
    }

    /**
     * What a reload did.
     *
     * @param subscriptionsReregistered how many Subscriptions were written (their header corrected, or re-created)
     * @param subscriptions the ids of the service's Subscriptions on the EHR
     * @param failure why the EHR could not be asked, or null; then the old secret must stay until a check succeeds
     */
    record Rotation(
            NotifySecrets.Reload reload, int subscriptionsReregistered, List<String> subscriptions, String failure) {}
}
