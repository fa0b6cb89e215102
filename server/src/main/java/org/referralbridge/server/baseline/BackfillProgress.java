package org.referralbridge.server.baseline;

import java.time.Instant;

/**
 * Where the baseline backfill stands, as the API and the staff page show it. No PHI: counts, times and a plain
 * error text.
 *
 * @param status NOT_STARTED, RUNNING, STOPPED, FINISHED or FAILED
 * @param method how it reads the EHR: {@code paged-search} ({@code _lastUpdated} searches)
 * @param resourceType the type being read now (Patient, then Encounter)
 * @param patientsRead Patients read (a page read again counts again)
 * @param encountersRead Encounters read (likewise)
 * @param patientsStored distinct Patients stored (each counted once)
 * @param encountersStored distinct Encounters stored
 * @param total the resources the EHR said there are (Bundle totals), or null when it gave none
 * @param pages pages read in all runs
 * @param ratePerSecond resources read per second in the current or last run
 * @param etaSeconds seconds left at that rate, or null when unknown (no total, no rate, or not running)
 * @param stopRequested a stop was asked for and the run will stop after its page
 */
public record BackfillProgress(
        String status,
        String method,
        String resourceType,
        long patientsRead,
        long encountersRead,
        long patientsStored,
        long encountersStored,
        Long total,
        long pages,
        double ratePerSecond,
        Long etaSeconds,
        Instant startedAt,
        Instant stoppedAt,
        Instant finishedAt,
        Instant updatedAt,
        boolean stopRequested,
        String error) {

    public long read() {
        return patientsRead + encountersRead;
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
