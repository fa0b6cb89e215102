package org.referralbridge.server.baseline;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.fhirplugin.client.SearchPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The baseline backfill: reads the EHR's Patients, then its Encounters, by paged {@code _lastUpdated} searches
 * (sorted, {@code _count}), at most {@code requests-per-second}, and checkpoints after every page, so a stop, a
 * restart or another instance taking over goes on from there. One run at a time across instances (a lease on its
 * row). Bulk Data {@code $export} is not used: the paged search works on every EHR the service speaks to.
 */
@Service
public class BaselineBackfill {

    static final String METHOD = "paged-search";
    private static final List<String> TYPES = List.of(BackfillState.PATIENT, BackfillState.ENCOUNTER);
    private static final Logger log = LoggerFactory.getLogger(BaselineBackfill.class);

    private final EhrClient ehr;
    private final BackfillState state;
    private final BaselineRecords records;
    private final BaselineProperties properties;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baseline-backfill");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Future<?> running;
    private long lastRequestNanos;

    BaselineBackfill(
            EhrClient ehr, BackfillState state, BaselineRecords records, BaselineProperties properties, Clock clock) {
        this.ehr = ehr;
        this.state = state;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts the backfill, or resumes it from its checkpoint when it was stopped, failed or interrupted; a finished one
     * starts again from the beginning (what it stores is keyed by id, so nothing counts twice).
     *
     * @param maxPages the run stops itself (STOPPED) after this many pages; null for no limit
     * @return false when a run is going on already (here or on another instance)
     */
    public synchronized boolean start(Integer maxPages) {
        if (running != null && !running.isDone()) {
            return false;
        }
        if (!state.begin(owner, properties.lease(), maxPages, METHOD)) {
            return false;
        }
        running = worker.submit(() -> run(maxPages));
        return true;
    }

    /** Asks the run to stop after its current page. @return false when nothing was running */
    public boolean stop() {
        return state.requestStop();
    }

    /** Resumes a run that was RUNNING when its instance went away (its lease ran out); on a schedule. */
    @Scheduled(
            initialDelayString = "${referralbridge.baseline.resume-check:30s}",
            fixedDelayString = "${referralbridge.baseline.resume-check:30s}")
    public void resumeInterrupted() {
        Optional<BackfillState.Row> row = state.read();
        if (row.isPresent() && row.get().status().equals("RUNNING") && row.get().leaseExpired()) {
            if (start(row.get().maxPages())) {
                log.info("Baseline backfill resumes an interrupted run from its checkpoint");
            }
        }
    }

    public BackfillProgress progress() {
        Optional<BackfillState.Row> found = state.read();
        long patientsStored = state.patientsStored();
        long encountersStored = state.encountersStored();
        if (found.isEmpty() || found.get().status().equals("NEW")) {
            return new BackfillProgress(
                    "NOT_STARTED",
                    METHOD,
                    null,
                    0,
                    0,
                    patientsStored,
                    encountersStored,
                    null,
                    0,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null);
        }
        BackfillState.Row row = found.get();
        Instant end = row.status().equals("RUNNING") ? clock.instant() : row.updatedAt();
        double seconds = row.runStartedAt() == null
                ? 0
                : Math.max(0.001, Duration.between(row.runStartedAt(), end).toMillis() / 1000.0);
        double rate = seconds == 0 ? 0 : row.runRead() / seconds;
        Long total = row.patientTotal() == null && row.encounterTotal() == null
                ? null
                : (row.patientTotal() == null ? 0 : row.patientTotal())
                        + (row.encounterTotal() == null ? 0 : row.encounterTotal());
        Long eta = null;
        if (row.status().equals("RUNNING") && total != null && rate > 0) {
            long left = Math.max(0, total - row.patientsRead() - row.encountersRead());
            if (row.resourceType().equals(BackfillState.PATIENT) && row.encounterTotal() == null) {
                eta = null; // the Encounters' total is not known before their first page
            } else {
                eta = Math.round(left / rate);
            }
        }
        return new BackfillProgress(
                row.status(),
                row.method(),
                row.resourceType(),
                row.patientsRead(),
                row.encountersRead(),
                patientsStored,
                encountersStored,
                total,
                row.pages(),
                Math.round(rate * 10) / 10.0,
                eta,
                row.startedAt(),
                row.stoppedAt(),
                row.finishedAt(),
                row.updatedAt(),
                row.stopRequested(),
                row.error());
    }

    @PreDestroy
    void shutDown() {
        worker.shutdownNow();
    }

    private void run(Integer maxPages) {
        int pagesThisRun = 0;
        try {
            BackfillState.Row row = state.read().orElseThrow();
            int typeIndex = TYPES.indexOf(row.resourceType());
            String nextUrl = row.nextPageUrl();
            Instant cursor = row.cursorLastUpdated();
            String cursorId = row.cursorId();
            log.info(
                    "Baseline backfill {} at {} ({} pages so far), by {}",
                    row.pages() == 0 ? "starts" : "resumes",
                    row.resourceType(),
                    row.pages(),
                    METHOD);
            while (typeIndex < TYPES.size()) {
                String type = TYPES.get(typeIndex);
                boolean firstOfType = cursor == null && nextUrl == null;
                SearchPage page = fetch(type, nextUrl, cursor);
                Instant newest = cursor;
                String newestId = cursorId;
                for (IBaseResource resource : page.resources()) {
                    Date lastUpdated = resource.getMeta().getLastUpdated();
                    if (lastUpdated != null
                            && (newest == null || !lastUpdated.toInstant().isBefore(newest))) {
                        newest = lastUpdated.toInstant();
                        newestId = resource.getIdElement().getIdPart();
                    }
                }
                records.store(page.resources());
                long count = page.resources().size();
                boolean patients = type.equals(BackfillState.PATIENT);
                Long total = firstOfType && page.total() != null ? Long.valueOf(page.total()) : null;
                if (!state.checkpoint(
                        owner,
                        properties.lease(),
                        type,
                        newest,
                        newestId,
                        page.nextUrl(),
                        total,
                        patients ? count : 0,
                        patients ? 0 : count)) {
                    log.warn("Baseline backfill lost its lease to another instance; this one stops");
                    return;
                }
                pagesThisRun++;
                cursor = newest;
                cursorId = newestId;
                nextUrl = page.nextUrl();
                if (properties.logEveryPages() > 0 && pagesThisRun % properties.logEveryPages() == 0) {
                    logProgress();
                }
                if (nextUrl == null) {
                    typeIndex++;
                    if (typeIndex < TYPES.size()) {
                        state.nextType(owner, TYPES.get(typeIndex));
                        cursor = null;
                        cursorId = null;
                    }
                    if (typeIndex >= TYPES.size()) {
                        break;
                    }
                }
                if (state.stopRequested()) {
                    state.end(owner, "STOPPED", null);
                    log.info("Baseline backfill stopped on request after {} page(s) of this run", pagesThisRun);
                    return;
                }
                if (maxPages != null && maxPages > 0 && pagesThisRun >= maxPages) {
                    state.end(owner, "STOPPED", null);
                    log.info("Baseline backfill stopped after its {} page(s) for this run", pagesThisRun);
                    return;
                }
            }
            state.end(owner, "FINISHED", null);
            logProgress();
            log.info("Baseline backfill finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.interrupted(owner); // stays RUNNING: the next start, here or elsewhere, resumes it
        } catch (RuntimeException e) {
            if (worker.isShutdown()) {
                state.interrupted(owner); // the instance is stopping: stays RUNNING, resumed later
                return;
            }
            failed(e);
        }
    }

    /** FAILED with a PHI-free error: the kind of failure only. */
    private void failed(RuntimeException failure) {
        String kind = failure.getClass().getSimpleName();
        if (failure instanceof EhrException) {
            log.warn("Baseline backfill failed, start it again to resume: {}", failure.getMessage());
            state.end(owner, "FAILED", "The EHR could not be read (" + kind + ")");
        } else {
            log.warn("Baseline backfill failed, start it again to resume: {}", kind);
            state.end(owner, "FAILED", "An unexpected failure (" + kind + ")");
        }
    }

    /**
     * The next page: the EHR's own next link where there is one; when the EHR no longer knows it (after a restart),
     * a new search from the checkpoint's {@code _lastUpdated} (ge: what is read again is stored once).
     */
    private SearchPage fetch(String type, String nextUrl, Instant cursor) throws InterruptedException {
        if (nextUrl != null) {
            throttle();
            try {
                return ehr.nextPage(nextUrl);
            } catch (EhrException e) {
                log.info("Baseline backfill: the EHR no longer knows the next page; searching from the checkpoint");
            }
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (cursor != null) {
            query.put("_lastUpdated", List.of("ge" + DateTimeFormatter.ISO_INSTANT.format(cursor)));
        }
        query.put("_sort", List.of("_lastUpdated"));
        query.put("_count", List.of(Integer.toString(properties.pageSize())));
        query.put("_total", List.of("accurate"));
        throttle();
        return ehr.searchPage(type, query);
    }

    private void throttle() throws InterruptedException {
        if (properties.requestsPerSecond() <= 0) {
            return;
        }
        long interval = (long) (1_000_000_000L / properties.requestsPerSecond());
        long wait = lastRequestNanos + interval - System.nanoTime();
        if (lastRequestNanos != 0 && wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        lastRequestNanos = System.nanoTime();
    }

    private void logProgress() {
        BackfillProgress progress = progress();
        log.info(
                "Baseline backfill: {} {} read ({} Patients, {} Encounters stored), {} page(s), {}/s, ETA {}",
                progress.read(),
                progress.total() == null ? "resources" : "of " + progress.total() + " resources",
                progress.patientsStored(),
                progress.encountersStored(),
                progress.pages(),
                progress.ratePerSecond(),
                progress.etaSeconds() == null ? "unknown" : progress.etaSeconds() + " s");
    }
}
