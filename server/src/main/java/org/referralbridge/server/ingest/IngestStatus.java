package org.referralbridge.server.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What clinic IT's pages show of how changes reach the service: the Subscriptions it keeps on the EHR (as the latest
 * check found them; the same as {@code GET /api/ehr/subscriptions}) and the catch-up poller's latest run.
 */
@Component
public class IngestStatus {

    private final EhrSubscriptions subscriptions;
    private final CatchUpPoller catchUp;
    private final CatchUpProperties catchUpProperties;
    private final ApplicationEventPublisher events;

    IngestStatus(
            EhrSubscriptions subscriptions,
            CatchUpPoller catchUp,
            CatchUpProperties catchUpProperties,
            ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.catchUp = catchUp;
        this.catchUpProperties = catchUpProperties;
        this.events = events;
    }

    /** The latest check of the Subscriptions; {@code checkedAt} null and no Subscriptions before the first. */
    public Subscriptions subscriptions() {
        return of(SubscriptionController.SubscriptionsView.of(subscriptions.latest()));
    }

    /**
     * Re-creates or re-activates what is missing or off now, then reports; audited as {@code subscriptions.checked},
     * as the API's check is.
     */
    public Subscriptions checkSubscriptionsNow() {
        return of(checkNow());
    }

    /** The API's check and the pages' one: one audit record either way. */
    SubscriptionController.SubscriptionsView checkNow() {
        subscriptions.ensure();
        SubscriptionController.SubscriptionsView checked =
                SubscriptionController.SubscriptionsView.of(subscriptions.latest());
        events.publishEvent(new ChangeMade(AuditAction.SUBSCRIPTIONS_CHECKED, checked.ids(), checked.healthy()));
        return checked;
    }

    private static Subscriptions of(SubscriptionController.SubscriptionsView view) {
        return new Subscriptions(
                view.checkedAt(),
                view.healthy(),
                view.failure(),
                view.subscriptions().stream()
                        .map(s -> new Subscription(s.criteria(), s.id(), s.status(), s.lastAction()))
                        .toList());
    }

    /** This instance's latest catch-up run, kept in memory only (empty after a restart until the next run). */
    public Optional<CatchUpRun> lastCatchUp() {
        return Optional.ofNullable(catchUp.lastRun());
    }

    /** How often the catch-up poller runs ({@code referralbridge.catch-up.interval}). */
    public Duration catchUpInterval() {
        return catchUpProperties.interval();
    }

    /**
     * @param healthy every Subscription exists and is on
     * @param failure why the EHR could not be checked (PHI-free), or null
     */
    public record Subscriptions(Instant checkedAt, boolean healthy, String failure, List<Subscription> items) {}

    /**
     * @param id the Subscription's id on the EHR, null when it could not be created
     * @param status the EHR's status of it ({@code active}, {@code requested}, {@code off}, {@code error}...)
     * @param lastAction what the latest check did: CREATED, REACTIVATED, UPDATED or UNCHANGED
     */
    public record Subscription(String criteria, String id, String status, String lastAction) {}
}
