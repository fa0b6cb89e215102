package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Searches the EHR for what changed since the watermark ({@code _lastUpdated=gt<watermark - overlap>}, sorted,
 * paged) and feeds it to the same inbox as notifications, so a lost notification is only late, never lost. Runs
 * on a schedule and when the EHR sends an empty notification; one instance polls a type at a time (a lease).
 */
class CatchUpPoller {

    static final List<String> TYPES =
            List.of("Patient", "Encounter", "Consent", "Coverage", "QuestionnaireResponse", "Appointment");

    /**
     * What each type's search asks for besides {@code _lastUpdated}: what the Subscriptions watch
     * ({@link EhrSubscriptions#CRITERIA}) and what qualification needs (a cancelled or entered-in-error Encounter
     * reverses one), and not every Encounter that moves to in-progress or arrived.
     */
    static final Map<String, Map<String, List<String>>> CRITERIA = Map.of(
            "Encounter",
            Map.of("status", List.of("finished,cancelled,entered-in-error")),
            "Appointment",
            Map.of("status", List.of("booked,arrived,checked-in,fulfilled,entered-in-error")));

    private static final Logger log = LoggerFactory.getLogger(CatchUpPoller.class);

    private final EhrClient ehr;
    private final Inbox inbox;
    private final Watermarks watermarks;
    private final CatchUpProperties properties;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong found = new AtomicLong();
    private final Clock clock;
    private final AtomicReference<CatchUpRun> lastRun = new AtomicReference<>();

    CatchUpPoller(EhrClient ehr, Inbox inbox, Watermarks watermarks, CatchUpProperties properties, Clock clock) {
        this.ehr = ehr;
        this.inbox = inbox;
        this.watermarks = watermarks;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${referralbridge.catch-up.interval:60s}",
            fixedDelayString = "${referralbridge.catch-up.interval:60s}")
    void pollOnSchedule() {
        pollAll();
    }

    /** Polls every watched type; failures are logged and the next run tries again from the same watermark. */
    void pollAll() {
        Instant started = clock.instant();
        long foundBefore = found.get();
        int queued = 0;
        List<String> polled = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            for (String type : TYPES) {
                try {
                    int queuedOfType = poll(type);
                    if (queuedOfType >= 0) {
                        polled.add(type);
                        queued += queuedOfType;
                    }
                } catch (EhrException e) {
                    failed.add(type);
                    log.warn("Catch-up search for {} failed, will retry: {}", type, e.getMessage());
                }
            }
        } finally {
            lastRun.set(new CatchUpRun(started, clock.instant(), found.get() - foundBefore, queued, polled, failed));
        }
    }

    /** This instance's latest run (kept in memory only: none after a restart until the next run), or null. */
    CatchUpRun lastRun() {
        return lastRun.get();
    }

    /** Resources queued by catch-up searches since start (repeats the inbox dropped included). */
    long foundCount() {
        return found.get();
    }

    /** @return the changes queued, or -1 when another instance holds the type's lease */
    private int poll(String type) {
        Optional<Instant> watermark = watermarks.lease(type, owner, properties.lease());
        if (watermark.isEmpty()) {
            return -1; // another instance is polling this type
        }
        Instant newest = watermark.get();
        int queued = 0;
        try {
            Instant from = watermark.get().minus(properties.overlap());
            Map<String, List<String>> query = query(type, from);
            for (IBaseResource resource : (Iterable<IBaseResource>) ehr.search(type, query)::iterator) {
                found.incrementAndGet();
                if (inbox.resourceChanged(type, resource.getIdElement().getIdPart(), versionOf(resource))) {
                    queued++;
                }
                Date lastUpdated = resource.getMeta().getLastUpdated();
                if (lastUpdated != null && lastUpdated.toInstant().isAfter(newest)) {
                    newest = lastUpdated.toInstant();
                }
            }
        } catch (RuntimeException e) {
            watermarks.release(type, owner);
            throw e;
        }
        watermarks.advanceAndRelease(type, owner, newest);
        if (queued > 0) {
            log.info("Catch-up found {} {} change(s) that no notification had brought", queued, type);
        }
        return queued;
    }

    private Map<String, List<String>> query(String type, Instant from) {
        Map<String, List<String>> query = new LinkedHashMap<>(CRITERIA.getOrDefault(type, Map.of()));
        query.put("_lastUpdated", List.of("gt" + DateTimeFormatter.ISO_INSTANT.format(from)));
        query.put("_sort", List.of("_lastUpdated"));
        query.put("_count", List.of(Integer.toString(properties.pageSize())));
        return query;
    }

    private static String versionOf(IBaseResource resource) {
        String version = resource.getIdElement().getVersionIdPart();
        return version != null ? version : resource.getMeta().getVersionId();
    }
}
