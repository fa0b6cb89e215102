package org.referralbridge.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/**
 * {@code --demo} through the whole pipeline: the demo clinic's program, advocates and referred patients end as
 * qualified referrals with rewards (two service credits awaiting approval, a thank-you only for the referred Medicare
 * beneficiary) and one unmatched referral (the mistyped code).
 */
@IntegrationTest(args = "--demo")
class DemoClinicIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theDemoClinicEndsWithQualifiedReferralsAndTheirRewards() {
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(list("/api/rewards")).hasSize(3));

        List<Map<String, Object>> rewards = list("/api/rewards");
        assertThat(rewards)
                .extracting(reward -> reward.get("status") + " " + reward.get("outcome") + " " + reward.get("itemId"))
                .containsExactlyInAnyOrder(
                        "awaiting-approval allow credit-10",
                        "awaiting-approval allow credit-10",
                        "blocked thank-you-only credit-10");
        assertThat(rewards).allSatisfy(reward -> assertThat(reward).containsEntry("programKey", "demo-friends"));
        assertThat(list("/api/referrals"))
                .extracting(referral -> (String) referral.get("status"))
                .containsExactlyInAnyOrder("QUALIFIED", "QUALIFIED", "QUALIFIED", "UNMATCHED");

        // the four referrals' Appointments were booked 1, 2, 3 and 4 days after the referrals were captured
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Map<String, Object> figure = AdminApi.client(port)
                    .get()
                    .uri("/api/reports/time-to-appointment?from=" + today.minusDays(30) + "&to=" + today)
                    .retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {});
            Map<?, ?> days = (Map<?, ?>) figure.get("figure");
            assertThat(days.get("appointments")).isEqualTo(4);
            assertThat(new java.math.BigDecimal(days.get("medianDays").toString()))
                    .isBetween(new java.math.BigDecimal("1.99"), new java.math.BigDecimal("2.01"));
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String path) {
        Map<String, Object> page = AdminApi.client(port)
                .get()
                .uri(path)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return (List<Map<String, Object>>) page.get("items");
    }
}
