package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A tiered program (milestones at 1, 3 and 5 successful referrals in the calendar year, no practice state, nobody
 * covered) through the real pipeline: one advocate refers six friends in turn, each of whom has a qualifying visit.
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.programs.directory=src/test/resources/programs-rewards-tiers")
class TieredRewardsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Ehr ehr;
    AdminApi api;
    RestClient http;
    RewardPipeline pipeline;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
        pipeline = new RewardPipeline(ehr, api, http, jdbc);
    }

    @Test
    void paysEachTierOnceAtItsThresholdNothingBetweenAndNothingAgainWhenVisitsAreDeliveredAgain() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String referrerId = ehr.create(Patients.existing("TierAdvocate"));
        pipeline.awaitDone(
                "Encounter", pipeline.visit(referrerId, now.minus(60, ChronoUnit.DAYS)), RewardPipeline.WAIT);
        String code = api.enrol(referrerId);
        List<String> visits = new ArrayList<>();
        List<Object> referrals = new ArrayList<>();
        List<Object> programKeys = new ArrayList<>();

        for (int success = 1; success <= 6; success++) {
            String referredId = ehr.create(RewardPipeline.referred("TierFriend" + success, code, null, null));
            await().atMost(RewardPipeline.WAIT).until(() -> api.referralOf(referredId), r -> r != null);
            visits.add(pipeline.visit(referredId, Instant.now().plus(1, ChronoUnit.HOURS)));
            Map<String, Object> referral = pipeline.awaitRewarded(referredId, RewardPipeline.WAIT);
            assertThat(referral).as("referral %d", success).containsEntry("status", "QUALIFIED");
            referrals.add(referral.get("id"));
            programKeys.add(referral.get("programKey"));
            List<Map<String, Object>> rewards = pipeline.rewardsOfReferral(referral.get("id"));
            if (success == 1) {
                assertTier(rewards, "tier-1", "credit-10", "10");
            } else if (success == 3) {
                assertTier(rewards, "tier-3", "spa-kit-25", "25");
            } else if (success == 5) {
                assertTier(rewards, "tier-5", "gift-card-50", "50");
            } else {
                assertThat(rewards)
                        .as("rewards of referral %d, between or past the tiers", success)
                        .isEmpty();
            }
        }
        assertThat(advocate(code)).containsEntry("successfulReferrals", 6);
        assertPaidOnceEach(referrerId);

        // the EHR tells of every qualifying visit again
        for (String visit : visits) {
            long seen = pipeline.done("Encounter", visit);
            Encounter encounter =
                    ehr.client().read().resource(Encounter.class).withId(visit).execute();
            encounter
                    .addIdentifier()
                    .setSystem("http://clinic.example.org/visit")
                    .setValue("again-" + visit);
            ehr.client().update().resource(encounter).execute();
            await().atMost(RewardPipeline.WAIT).until(() -> pipeline.done("Encounter", visit) > seen);
        }
        awaitQueuesIdle();

        assertThat(advocate(code)).containsEntry("successfulReferrals", 6);
        assertPaidOnceEach(referrerId);
        for (Object referral : referrals) {
            assertThat(pipeline.earnedRows(referral)).isLessThanOrEqualTo(1);
        }
        // a referral whose evidence names no program falls under the default one
        assertThat(programKeys).as("programKey of each referral").containsOnly("milestones");
    }

    private void assertTier(List<Map<String, Object>> rewards, String ruleId, String itemId, String value) {
        assertThat(rewards).as("rewards at %s", ruleId).hasSize(1);
        Map<String, Object> reward = rewards.get(0);
        assertThat(reward)
                .containsEntry("ruleId", ruleId)
                .containsEntry("itemId", itemId)
                .containsEntry("requestedItemId", itemId)
                .containsEntry("outcome", "allow")
                .containsEntry("status", "approved")
                .containsEntry("programKey", "milestones");
        assertThat(new BigDecimal(String.valueOf(reward.get("retailValue")))).isEqualByComparingTo(value);
        assertThat(reward.get("ledgerEntryId")).isNotNull();
    }

    private void assertPaidOnceEach(String referrerId) {
        assertThat(pipeline.rewardsOfReferrer(referrerId))
                .extracting(reward -> reward.get("ruleId"))
                .containsExactlyInAnyOrder("tier-1", "tier-3", "tier-5");
        assertThat(pipeline.earnedRowsOfReferrer(referrerId)).isEqualTo(3);
    }

    private Map<String, Object> advocate(String code) {
        return http.get()
                .uri("/api/advocates/{code}", code)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private void awaitQueuesIdle() {
        await().atMost(RewardPipeline.WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
