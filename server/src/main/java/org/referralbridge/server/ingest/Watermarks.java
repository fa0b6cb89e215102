package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The catch-up poller's position per resource type, and the lease that lets one instance poll at a time. */
class Watermarks {

    private final JdbcClient jdbc;
    private final Clock clock;

    Watermarks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Takes the lease for a type unless another instance holds a live one; a type seen for the first time starts
     * at now, so a new installation does not treat the EHR's whole history as news.
     *
     * @return the watermark when the lease is ours
     */
    Optional<Instant> lease(String resourceType, String owner, Duration lease) {
        OffsetDateTime now = now();
        jdbc.sql("insert into ehr_watermark (resource_type, last_updated) values (?, ?) on conflict do nothing")
                .params(resourceType, now)
                .update();
        int taken = jdbc.sql("update ehr_watermark set lease_owner = ?, lease_until = ? where resource_type = ?"
                        + " and (lease_until is null or lease_until < ? or lease_owner = ?)")
                .params(owner, now.plus(lease), resourceType, now, owner)
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select last_updated from ehr_watermark where resource_type = ?")
                .param(resourceType)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /** Moves the watermark forward (never back) and gives the lease up. */
    void advanceAndRelease(String resourceType, String owner, Instant lastUpdated) {
        jdbc.sql("update ehr_watermark set last_updated = case when last_updated < ? then ? else last_updated end,"
                        + " lease_owner = null, lease_until = null where resource_type = ? and lease_owner = ?")
                .params(utc(lastUpdated), utc(lastUpdated), resourceType, owner)
                .update();
    }

    void release(String resourceType, String owner) {
        jdbc.sql("update ehr_watermark set lease_owner = null, lease_until = null"
                        + " where resource_type = ? and lease_owner = ?")
                .params(resourceType, owner)
                .update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
