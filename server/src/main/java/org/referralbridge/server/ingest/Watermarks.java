package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catch-up poller's position per resource type (table {@code ehr_watermark}), and the lock that lets one
 * instance poll a type at a time: a ShedLock lock named {@code catch-up-<type>} in its {@code shedlock} table
 * (migration V6), timed by the database's clock so instances whose clocks disagree still agree on when it ran out.
 */
class Watermarks {

    private static final String LOCK_PREFIX = "catch-up-";

    private final JdbcClient jdbc;
    private final LockProvider locks;
    private final Clock clock;
    private final Map<String, SimpleLock> held = new ConcurrentHashMap<>();

    Watermarks(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        this.clock = clock;
    }

    /**
     * Takes the lock for a type for at most {@code lease} unless another instance holds it; a type seen for the
     * first time starts at now, so a new installation does not treat the EHR's whole history as news.
     *
     * @return the watermark when the lock is ours
     */
    Optional<Instant> lease(String resourceType, String owner, Duration lease) {
        SimpleLock stale = held.remove(key(resourceType, owner));
        if (stale != null) {
            stale.unlock(); // an earlier poll of this owner that never let go
        }
        // the creation time only checks that the lock does not end in the past: the database times the lock
        Optional<SimpleLock> lock = locks.lock(
                new LockConfiguration(ClockProvider.now(), LOCK_PREFIX + resourceType, lease, Duration.ZERO));
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        held.put(key(resourceType, owner), lock.get());
        jdbc.sql("insert into ehr_watermark (resource_type, last_updated) values (?, ?) on conflict do nothing")
                .params(resourceType, now())
                .update();
        return jdbc.sql("select last_updated from ehr_watermark where resource_type = ?")
                .param(resourceType)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /**
     * Moves the watermark forward (never back) and gives the lock up. Should the lock have run out meanwhile and
     * another instance polled since, moving forward only is still right: each moves it to what it has seen.
     */
    void advanceAndRelease(String resourceType, String owner, Instant lastUpdated) {
        SimpleLock lock = held.remove(key(resourceType, owner));
        if (lock == null) {
            return;
        }
        try {
            jdbc.sql("update ehr_watermark set last_updated = case when last_updated < ? then ? else last_updated end"
                            + " where resource_type = ?")
                    .params(utc(lastUpdated), utc(lastUpdated), resourceType)
                    .update();
        } finally {
            lock.unlock();
        }
    }

    void release(String resourceType, String owner) {
        SimpleLock lock = held.remove(key(resourceType, owner));
        if (lock != null) {
            lock.unlock();
        }
    }

    private static String key(String resourceType, String owner) {
        return resourceType + '\u0000' + owner;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
