package org.referralbridge.server.baseline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The backfill's one row ({@code baseline_backfill}, migration V32): the checkpoint, the counts and the lease that
 * lets one instance run it at a time (taken and renewed on the database's clock).
 */
@Component
class BackfillState {

    static final String PATIENT = "Patient";
    static final String ENCOUNTER = "Encounter";

    /** The row as read. */
    record Row(
            String status,
            String method,
            String resourceType,
            Instant cursorLastUpdated,
            String cursorId,
            String nextPageUrl,
            Long patientTotal,
            Long encounterTotal,
            long patientsRead,
            long encountersRead,
            long pages,
            Instant runStartedAt,
            long runRead,
            Instant startedAt,
            Instant stoppedAt,
            Instant finishedAt,
            Instant updatedAt,
            boolean stopRequested,
            Integer maxPages,
            String leaseOwner,
            boolean leaseExpired,
            String error) {}

    private final JdbcClient jdbc;

    BackfillState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> read() {
        return jdbc.sql("select *, (lease_until is null or lease_until < now()) as lease_expired"
                        + " from baseline_backfill where id = 1")
                .query(BackfillState::row)
                .optional();
    }

    /**
     * Takes the lease for a run unless another instance holds it, and marks the row RUNNING: a run that FINISHED
     * (or none yet) starts from the beginning, any other resumes from its checkpoint.
     *
     * @return true when the lease is ours
     */
    boolean begin(String owner, Duration lease, Integer maxPages, String method) {
        jdbc.sql("insert into baseline_backfill (id, status, method, resource_type, started_at, updated_at)"
                        + " values (1, 'NEW', ?, 'Patient', now(), now()) on conflict do nothing")
                .param(method)
                .update();
        int taken = jdbc.sql("update baseline_backfill set"
                        + " resource_type = case when status in ('FINISHED', 'NEW') then 'Patient' else resource_type end,"
                        + " cursor_last_updated = case when status in ('FINISHED', 'NEW') then null"
                        + "   else cursor_last_updated end,"
                        + " cursor_id = case when status in ('FINISHED', 'NEW') then null else cursor_id end,"
                        + " next_page_url = case when status in ('FINISHED', 'NEW') then null else next_page_url end,"
                        + " patients_read = case when status in ('FINISHED', 'NEW') then 0 else patients_read end,"
                        + " encounters_read = case when status in ('FINISHED', 'NEW') then 0 else encounters_read end,"
                        + " pages = case when status in ('FINISHED', 'NEW') then 0 else pages end,"
                        + " patient_total = case when status in ('FINISHED', 'NEW') then null else patient_total end,"
                        + " encounter_total = case when status in ('FINISHED', 'NEW') then null"
                        + "   else encounter_total end,"
                        + " started_at = case when status in ('FINISHED', 'NEW') then now() else started_at end,"
                        + " finished_at = null, stopped_at = null, error = null, stop_requested = false,"
                        + " status = 'RUNNING', method = ?, max_pages = ?, run_started_at = now(), run_read = 0,"
                        + " lease_owner = ?, lease_until = now() + make_interval(secs => ?), updated_at = now()"
                        + " where id = 1 and (lease_owner is null or lease_until < now() or lease_owner = ?)")
                .params(method, maxPages, owner, (double) lease.toMillis() / 1000, owner)
                .update();
        return taken == 1;
    }

    /**
     * The checkpoint after a page: where to go on, the counts, and the lease renewed.
     *
     * @return false when the lease is no longer ours (another instance took over): stop at once
     */
    boolean checkpoint(
            String owner,
            Duration lease,
            String resourceType,
            Instant cursorLastUpdated,
            String cursorId,
            String nextPageUrl,
            Long total,
            long patientsRead,
            long encountersRead) {
        return jdbc.sql("update baseline_backfill set resource_type = ?, cursor_last_updated = ?, cursor_id = ?,"
                                + " next_page_url = ?,"
                                + " patient_total = case when ? = 'Patient' and ?::bigint is not null then ?::bigint"
                                + "   else patient_total end,"
                                + " encounter_total = case when ? = 'Encounter' and ?::bigint is not null"
                                + "   then ?::bigint else encounter_total end,"
                                + " patients_read = patients_read + ?, encounters_read = encounters_read + ?,"
                                + " run_read = run_read + ?, pages = pages + 1,"
                                + " lease_until = now() + make_interval(secs => ?), updated_at = now()"
                                + " where id = 1 and lease_owner = ? and status = 'RUNNING'")
                        .params(
                                resourceType,
                                utc(cursorLastUpdated),
                                cursorId,
                                nextPageUrl,
                                resourceType,
                                total,
                                total,
                                resourceType,
                                total,
                                total,
                                patientsRead,
                                encountersRead,
                                patientsRead + encountersRead,
                                (double) lease.toMillis() / 1000,
                                owner)
                        .update()
                == 1;
    }

    /** Moves on to the next type, its reading from the beginning. */
    boolean nextType(String owner, String resourceType) {
        return jdbc.sql("update baseline_backfill set resource_type = ?, cursor_last_updated = null, cursor_id = null,"
                                + " next_page_url = null, updated_at = now() where id = 1 and lease_owner = ?")
                        .params(resourceType, owner)
                        .update()
                == 1;
    }

    /** Ends the run: STOPPED, FINISHED or FAILED (with a PHI-free error), the lease given up. */
    void end(String owner, String status, String error) {
        jdbc.sql("update baseline_backfill set status = ?, error = ?, stop_requested = false, lease_owner = null,"
                        + " lease_until = null, updated_at = now(),"
                        + " stopped_at = case when ? = 'FINISHED' then stopped_at else now() end,"
                        + " finished_at = case when ? = 'FINISHED' then now() else finished_at end,"
                        + " next_page_url = case when ? = 'FINISHED' then null else next_page_url end"
                        + " where id = 1 and lease_owner = ?")
                .params(status, error, status, status, status, owner)
                .update();
    }

    /** Gives the lease up but stays RUNNING (the instance is shutting down): a later start resumes it. */
    void interrupted(String owner) {
        jdbc.sql("update baseline_backfill set lease_owner = null, lease_until = null, updated_at = now()"
                        + " where id = 1 and lease_owner = ?")
                .param(owner)
                .update();
    }

    /**
     * Asks the run to stop after its page; a RUNNING row whose lease ran out (no instance runs it) is STOPPED at once.
     *
     * @return true when there was a run to stop
     */
    boolean requestStop() {
        int orphaned = jdbc.sql("update baseline_backfill set status = 'STOPPED', stopped_at = now(),"
                        + " lease_owner = null, lease_until = null, updated_at = now()"
                        + " where id = 1 and status = 'RUNNING' and (lease_until is null or lease_until < now())")
                .update();
        int asked = jdbc.sql("update baseline_backfill set stop_requested = true, updated_at = now()"
                        + " where id = 1 and status = 'RUNNING'")
                .update();
        return orphaned + asked > 0;
    }

    boolean stopRequested() {
        return jdbc.sql("select stop_requested from baseline_backfill where id = 1")
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    long patientsStored() {
        return jdbc.sql("select count(*) from baseline_patient")
                .query(Long.class)
                .single();
    }

    long encountersStored() {
        return jdbc.sql("select count(*) from baseline_encounter")
                .query(Long.class)
                .single();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getString("status"),
                rs.getString("method"),
                rs.getString("resource_type"),
                instant(rs, "cursor_last_updated"),
                rs.getString("cursor_id"),
                rs.getString("next_page_url"),
                (Long) rs.getObject("patient_total", Long.class),
                (Long) rs.getObject("encounter_total", Long.class),
                rs.getLong("patients_read"),
                rs.getLong("encounters_read"),
                rs.getLong("pages"),
                instant(rs, "run_started_at"),
                rs.getLong("run_read"),
                instant(rs, "started_at"),
                instant(rs, "stopped_at"),
                instant(rs, "finished_at"),
                instant(rs, "updated_at"),
                rs.getBoolean("stop_requested"),
                (Integer) rs.getObject("max_pages", Integer.class),
                rs.getString("lease_owner"),
                rs.getBoolean("lease_expired"),
                rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
