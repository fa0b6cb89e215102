package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link DisclosureDecision} as one AuditEvent ({@link DisclosureAuditEvents}) into the same FHIR server,
 * through the AuditEvent DAO as a system request, so the patient-facing caller's authorization rules do not decide
 * whether the audit is kept.
 *
 * <p>The write happens on one background thread, never on the request's: a read must not wait for, or fail with,
 * its audit. Decisions wait in a bounded queue; when it is full (the server cannot keep up) a decision is dropped
 * and a WARN counts the drops so far (the first and every hundredth, so an overload does not flood the log too). A
 * write that fails is logged with the Patient's id and dropped. {@link #close()} (Spring calls it when the bean is
 * destroyed) writes what is queued, for a few seconds at most.
 */
public final class FhirAuditEventDisclosureAudit implements DisclosureAudit, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FhirAuditEventDisclosureAudit.class);
    private static final String AUDIT_EVENT = "AuditEvent";
    /** Decisions that may wait for their write; about a few MB at most. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final DaoRegistry daos;
    private final ExecutorService writer;
    private final AtomicLong dropped = new AtomicLong();

    public FhirAuditEventDisclosureAudit(DaoRegistry daos) {
        this(daos, DEFAULT_CAPACITY);
    }

    FhirAuditEventDisclosureAudit(DaoRegistry daos, int capacity) {
        this.daos = daos;
        this.writer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(capacity),
                task -> {
                    Thread thread = new Thread(task, "referral-bridge-disclosure-audit");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void record(DisclosureDecision decision) {
        try {
            writer.execute(() -> write(decision));
        } catch (RejectedExecutionException full) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 100 == 0) {
                log.warn(
                        "Disclosure audit queue full or closed: the {} AuditEvent for {} is dropped ({} dropped so far)",
                        decision.action(),
                        decision.referredPatient(),
                        count);
            }
        }
    }

    /** How many decisions were dropped because the queue was full or closed. */
    long dropped() {
        return dropped.get();
    }

    private void write(DisclosureDecision decision) {
        try {
            if (!daos.isResourceTypeSupported(AUDIT_EVENT)) {
                log.warn(
                        "No {} AuditEvent for {}: this server does not store AuditEvent",
                        decision.action(),
                        decision.referredPatient());
                return;
            }
            daos.getResourceDao(AuditEvent.class)
                    .create(DisclosureAuditEvents.of(decision), new SystemRequestDetails());
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not write the {} AuditEvent for {} ({})",
                    decision.action(),
                    decision.referredPatient(),
                    failure.getClass().getSimpleName());
        }
    }

    /** Stops taking decisions and writes those queued, waiting a few seconds at most. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                int left = writer.shutdownNow().size();
                log.warn("Disclosure audit closed with {} AuditEvents not written", left);
            }
        } catch (InterruptedException interrupted) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
