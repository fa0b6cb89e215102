package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.TestDatabase;

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
        Watermarks first = new Watermarks(dataSource, Clock.fixed(start, ZoneOffset.UTC));
        Watermarks later = new Watermarks(dataSource, Clock.fixed(start.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));

        assertThat(first.lease("Patient", "instance-a", Duration.ofMinutes(5))).contains(start);
        assertThat(first.lease("Patient", "instance-b", Duration.ofMinutes(5))).isEmpty();
        assertThat(first.lease("Encounter", "instance-b", Duration.ofMinutes(5)))
                .as("other types are free")
                .isPresent();
        assertThat(later.lease("Patient", "instance-b", Duration.ofMinutes(5)))
                .as("another instance")
                .isEmpty();
        // the database times the lock (instances' clocks may disagree): a short one runs out for real
        assertThat(first.lease("Consent", "instance-a", Duration.ofMillis(200))).isPresent();
        await("a lease that ran out can be taken")
                .atMost(Duration.ofSeconds(10))
                .until(() -> later.lease("Consent", "instance-b", Duration.ofMinutes(5))
                        .isPresent());
    }

    @Test
    void aReleasedLeaseCanBeTakenAtOnceByAnotherInstance() {
        Instant start = Instant.parse("2026-08-01T12:00:00Z");
        Watermarks a = new Watermarks(dataSource, Clock.fixed(start, ZoneOffset.UTC));
        Watermarks b = new Watermarks(dataSource, Clock.fixed(start, ZoneOffset.UTC));

        assertThat(a.lease("Observation", "a", Duration.ofMinutes(5))).isPresent();
        assertThat(b.lease("Observation", "b", Duration.ofMinutes(5))).isEmpty();
        a.release("Observation", "a");

        assertThat(b.lease("Observation", "b", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void theLockWorksOnTheEmbeddedH2Too() {
        org.springframework.jdbc.datasource.DriverManagerDataSource h2 =
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        "jdbc:h2:mem:watermarks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                                + "DB_CLOSE_DELAY=-1");
        org.flywaydb.core.Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Instant start = Instant.parse("2026-09-01T12:00:00Z");
        Watermarks a = new Watermarks(h2, Clock.fixed(start, ZoneOffset.UTC));
        Watermarks b = new Watermarks(h2, Clock.fixed(start, ZoneOffset.UTC));

        assertThat(a.lease("Patient", "a", Duration.ofMinutes(5))).contains(start);
        assertThat(b.lease("Patient", "b", Duration.ofMinutes(5))).isEmpty();
        a.advanceAndRelease("Patient", "a", start.plusSeconds(5));
        assertThat(b.lease("Patient", "b", Duration.ofMinutes(5))).contains(start.plusSeconds(5));
    }

    @Test
    void theWatermarkNeverMovesBack() {
        Instant start = Instant.parse("2026-07-01T12:00:00Z");
        Watermarks watermarks = new Watermarks(dataSource, Clock.fixed(start, ZoneOffset.UTC));

        watermarks.lease("Coverage", "a", Duration.ofMinutes(1));
        watermarks.advanceAndRelease("Coverage", "a", start.plusSeconds(30));
        watermarks.lease("Coverage", "b", Duration.ofMinutes(1));
        watermarks.advanceAndRelease("Coverage", "b", start.minusSeconds(30));

        assertThat(watermarks.lease("Coverage", "c", Duration.ofMinutes(1))).contains(start.plusSeconds(30));
    }
}
