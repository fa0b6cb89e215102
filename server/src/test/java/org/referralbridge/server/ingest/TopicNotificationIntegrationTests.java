package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Topic-based notifications (Subscriptions R5 Backport IG, and HAPI FHIR 8.8.0's variant), as real servers send
 * them (the project's testdata/ folder): each event's focus is queued; a gap in the event numbers, or an event
 * without a focus, starts a catch-up search.
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.catch-up.interval=1h")
class TopicNotificationIntegrationTests {

    private static final Path NOTIFICATIONS = TestData.path("subscription-notifications");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void queuesTheFocusOfEachEventAndCatchesUpAfterAGap() throws Exception {
        long catchUpsBefore = catchUps();

        assertThat(post("hapi-8.8.0-topic/hapi-patient-create-id-only-001-018f428e.json"))
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> inboxRows("Patient/018f428e-34f6-4707-8009-5ad742f901e7/_history/1") == 1);
        assertThat(catchUps()).isEqualTo(catchUpsBefore);

        // event 2 never arrives
        assertThat(post("hapi-8.8.0-topic/hapi-patient-create-id-only-003-dbf9798e.json"))
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> inboxRows("Patient/dbf9798e-4b52-4cd9-a9eb-ec36149c859a/_history/1") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> catchUps() == catchUpsBefore + 1);
    }

    @Test
    void anEmptyNotificationStartsACatchUpAndAHandshakeQueuesNothing() throws Exception {
        long catchUpsBefore = catchUps();
        long rowsBefore = jdbc.sql("select count(*) from inbox where kind = 'resource-changed'")
                .query(Long.class)
                .single();

        assertThat(post("backport-ig-r4/Bundle-r4-notification-handshake.json")).isEqualTo(200);
        assertThat(post("backport-ig-r4/Bundle-r4-notification-empty.json")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> catchUps() > catchUpsBefore);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        jdbc.sql("select count(*) from inbox where kind = 'notification-bundle' and status = 'pending'")
                                        .query(Long.class)
                                        .single()
                                == 0);
        assertThat(jdbc.sql("select count(*) from inbox where kind = 'resource-changed'")
                        .query(Long.class)
                        .single())
                .isEqualTo(rowsBefore);
    }

    @Test
    void queuesTheFocusOfABackportFullResourceNotification() throws Exception {
        assertThat(post("backport-ig-r4/Bundle-r4-notification-full-resource.json"))
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql(
                                        "select count(*) from inbox where kind = 'resource-changed'"
                                                + " and resource_type = 'Encounter' and resource_id = '86009987-eabe-42bf-8c02-b112b18cb616'")
                                .query(Long.class)
                                .single()
                        >= 1);
    }

    private long catchUps() {
        return jdbc.sql("select count(*) from inbox where kind = 'catch-up'")
                .query(Long.class)
                .single();
    }

    private long inboxRows(String dedupeKey) {
        return jdbc.sql("select count(*) from inbox where dedupe_key = ?")
                .param(dedupeKey)
                .query(Long.class)
                .single();
    }

    private int post(String file) throws Exception {
        return new Notifications(port)
                .posted(Files.readString(NOTIFICATIONS.resolve(file)))
                .statusCode();
    }
}
