package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The per-client rate limit of {@code /fhir/notify}, set low: a burst is refused with 429, and then let in again. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.notify.rate-limit.capacity=3",
            "referralbridge.notify.rate-limit.per-second=1",
            "referralbridge.catch-up.interval=1h"
        })
class NotifyRateLimitIntegrationTests {

    private static final int BURST = 20;

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesABurstOverTheLimitWithRetryAfterStoresNothingOfItAndRecovers() throws Exception {
        Notifications notifications = new Notifications(port);
        long rowsBefore = inboxRows();

        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(notifications.pushed("/Patient/burst" + i, patientJson("burst" + i), Notifications.SECRET, null));
        }
        // a wrong secret is throttled as well: guessing it is no faster than sending
        HttpResponse<String> guess = notifications.pushed("/Patient/guess", patientJson("guess"), "guess", null);

        List<HttpResponse<String>> accepted =
                burst.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> refused =
                burst.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(burst.subList(0, 3))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(accepted.size() + refused.size()).isEqualTo(BURST);
        assertThat(refused).hasSizeGreaterThanOrEqualTo(BURST / 2);
        assertThat(List.of(refused.get(0), guess)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
            OperationOutcome outcome =
                    fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
            assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.THROTTLED);
            assertThat(outcome.getIssueFirstRep().getDiagnostics())
                    .contains("too many notifications", "referralbridge.notify.rate-limit");
        });
        assertThat(inboxRows()).isEqualTo(rowsBefore + accepted.size());

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> notifications
                                .pushed("/Patient/later", patientJson("later"), Notifications.SECRET, null)
                                .statusCode()
                        == 200);
        assertThat(inboxRows()).isEqualTo(rowsBefore + accepted.size() + 1);
    }

    private String patientJson(String id) {
        Patient patient = Patients.existing("Throttled");
        patient.setId(id);
        return fhirContext.newJsonParser().encodeResourceToString(patient);
    }

    private long inboxRows() {
        return jdbc.sql("select count(*) from inbox where kind = 'resource-changed'")
                .query(Long.class)
                .single();
    }
}
