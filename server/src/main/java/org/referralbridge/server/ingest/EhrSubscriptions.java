package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistrar;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistration;
import org.referralbridge.fhirplugin.subscription.SubscriptionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the service's R4 rest-hook Subscriptions on the EHR: once the application is ready (on the scheduler's
 * thread, so readiness does not wait for the EHR; {@link SubscriptionsCheckedAtStart} says when it is done) and again
 * on a schedule, re-creating or re-activating any that were removed or turned off. A change the EHR makes before its
 * Subscriptions exist is found by the catch-up poller, as any lost notification is.
 * While one is {@code requested} (just created or re-activated: the EHR activates it on its own, usually at once) it is
 * read again a few seconds later, up to {@value #REREADS} times, so the report does not say {@code requested} for a
 * Subscription the EHR runs until the next scheduled check. The re-reads are scheduled, never awaited.
 */
class EhrSubscriptions {

    static final List<String> CRITERIA = List.of(
            "Patient?",
            "Encounter?status=finished,cancelled,entered-in-error",
            "Consent?",
            "Coverage?",
            "QuestionnaireResponse?",
            "Appointment?status=booked,arrived,checked-in,fulfilled,entered-in-error");
    static final int REREADS = 3;
    private static final Logger log = LoggerFactory.getLogger(EhrSubscriptions.class);

    private final SubscriptionRegistrar registrar;
    private final NotifyEndpoint endpoint;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration rereadDelay;
    private final ApplicationEventPublisher events;
    private final AtomicReference<Check> latest = new AtomicReference<>();

    /** @param rereadDelay how long after a check a {@code requested} Subscription is read again (then 2x, 3x that) */
    EhrSubscriptions(
            SubscriptionRegistrar registrar,
            NotifyEndpoint endpoint,
            Clock clock,
            TaskScheduler scheduler,
            Duration rereadDelay,
            ApplicationEventPublisher events) {
        this.registrar = registrar;
        this.endpoint = endpoint;
        this.clock = clock;
        this.scheduler = scheduler;
        this.rereadDelay = rereadDelay;
        this.events = events;
    }

    /** Starts the first check, before the other ready listeners run; the health says "not checked yet" until then. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void registerAtStartup() {
        scheduler.schedule(this::checkAtStart, scheduler.getClock().instant());
    }

    private void checkAtStart() {
        try {
            ensure();
        } catch (RuntimeException e) {
            // the type only: the scheduler would log the message, which may quote what the EHR answered
            log.warn(
                    "Could not check the Subscriptions on the EHR ({}), will retry",
                    e.getClass().getName());
        } finally {
            Check check = latest();
            events.publishEvent(new SubscriptionsCheckedAtStart(check != null && check.healthy()));
        }
    }

    /**
     * Makes sure every Subscription exists and is on; failures are logged and retried on the next run. One check at a
     * time (the start-up one, the scheduled one, one asked for through the API), so none creates what another is
     * creating.
     */
    @Scheduled(
            initialDelayString = "${referralbridge.ingest.subscription-check:5m}",
            fixedDelayString = "${referralbridge.ingest.subscription-check:5m}")
    void ensure() {
        register();
    }

    /**
     * {@link #ensure()}, answering the check it made. A Subscription whose {@code channel.header} carries another
     * secret than the current one (after a rotation) is corrected: the registrar compares the headers too.
     */
    synchronized Check register() {
        List<SubscriptionSpec> specs = CRITERIA.stream()
                .map(criteria ->
                        SubscriptionSpec.restHook(criteria, endpoint.url()).withHeader(endpoint.secretHeaderLine()))
                .toList();
        Check check;
        try {
            check = new Check(clock.instant(), registrar.register(specs), null);
        } catch (EhrException e) {
            log.warn("Could not register Subscriptions on the EHR, will retry: {}", e.getMessage());
            check = new Check(clock.instant(), List.of(), e.getMessage());
        }
        latest.set(check);
        rereadLater(check, 1);
        return check;
    }

    private void rereadLater(Check check, int attempt) {
        boolean waiting = check.subscriptions().stream().anyMatch(s -> "requested".equals(s.status()));
        if (check.failure() == null && waiting && attempt <= REREADS) {
            scheduler.schedule(
                    () -> reread(check, attempt),
                    scheduler.getClock().instant().plus(rereadDelay.multipliedBy(attempt)));
        }
    }

    /** Replaces the report only if no newer check came meanwhile; a failure waits for the next scheduled check. */
    private void reread(Check check, int attempt) {
        try {
            Check reread = new Check(clock.instant(), registrar.refresh(check.subscriptions()), null);
            if (latest.compareAndSet(check, reread)) {
                rereadLater(reread, attempt + 1);
            }
        } catch (EhrException e) {
            log.warn("Could not re-read the Subscriptions on the EHR, the next check will: {}", e.getMessage());
        } catch (RuntimeException e) {
            // the type only: the scheduler would log the message, which may quote what the EHR answered
            log.warn(
                    "Could not re-read the Subscriptions on the EHR ({}), the next check will",
                    e.getClass().getName());
        }
    }

    /** The latest check, or null before the first. */
    Check latest() {
        return latest.get();
    }

    /**
     * One check of the Subscriptions on the EHR.
     *
     * @param failure why the EHR could not be checked, or null
     */
    record Check(Instant at, List<SubscriptionRegistration> subscriptions, String failure) {

        /** Every Subscription exists and is on (active, or requested and waiting for the EHR to activate it). */
        boolean healthy() {
            return failure == null
                    && subscriptions.size() == CRITERIA.size()
                    && subscriptions.stream()
                            .allMatch(s -> "active".equals(s.status()) || "requested".equals(s.status()));
        }
    }
}
