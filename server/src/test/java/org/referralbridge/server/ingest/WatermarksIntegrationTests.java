package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One instance polls a resource type at a time, and the watermark only moves forward. */
class WatermarksIntegrationTests {

    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migratedSchema(WatermarksIntegrationTests.class);
    }

    @Test
    void onlyOneInstanceHoldsTheLeaseUntilItIsReleasedOrRunsOut() {
        Instant start = Instant.parse("2026-06-01T12:00:00Z");
        Watermarks first = new Watermarks(JdbcClient.create(dataSource), Clock.fixed(start, ZoneOffset.UTC));
        Watermarks later = new Watermarks(
                JdbcClient.create(dataSource), Clock.fixed(start.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));

        assertThat(first.lease("Patient", "instance-a", Duration.ofMinutes(5))).contains(start);
        assertThat(first.lease("Patient", "instance-b", Duration.ofMinutes(5))).isEmpty();
        assertThat(first.lease("Encounter", "instance-b", Duration.ofMinutes(5)))
                .as("other types are free")
                .isPresent();
        assertThat(later.lease("Patient", "instance-b", Duration.ofMinutes(5)))
                .as("a lease that ran out can be taken")
                .isPresent();
    }

    @Test
    void theWatermarkNeverMovesBack() {
        Instant start = Instant.parse("2026-07-01T12:00:00Z");
        Watermarks watermarks = new Watermarks(JdbcClient.create(dataSource), Clock.fixed(start, ZoneOffset.UTC));

        watermarks.lease("Coverage", "a", Duration.ofMinutes(1));
        watermarks.advanceAndRelease("Coverage", "a", start.plusSeconds(30));
        watermarks.lease("Coverage", "b", Duration.ofMinutes(1));
        watermarks.advanceAndRelease("Coverage", "b", start.minusSeconds(30));

        assertThat(watermarks.lease("Coverage", "c", Duration.ofMinutes(1))).contains(start.plusSeconds(30));
    }
}
