package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.Instances;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;
import org.springframework.context.ConfigurableApplicationContext;

/** Two whole service instances on one PostgreSQL schema, as a production cluster runs, racing to earn a reward. */
class RewardLedgerTwoInstancesIntegrationTests {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        String schema = Instances.schema(RewardLedgerTwoInstancesIntegrationTests.class);
        first = Instances.start(schema, Map.of("referralbridge.sandbox.enabled", "true"));
        second = Instances.start(
                schema,
                Map.of(
                        "referralbridge.sandbox.enabled",
                        "false",
                        "referralbridge.ehr.base-url",
                        "http://localhost:" + Instances.port(first) + "/sandbox/fhir"));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void recordsOneRewardWhenTwoInstancesEarnTheSameReferralAndRuleAtOnce() throws Exception {
        RewardLedger one = first.getBean(RewardLedger.class);
        RewardLedger other = second.getBean(RewardLedger.class);
        String referrer = "referrer-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                EarnedReward reward = earned(UUID.randomUUID(), referrer);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<Optional<LedgerEntryView>>> racers = List.of(
                        () -> {
                            start.await();
                            return one.earn(reward);
                        },
                        () -> {
                            start.await();
                            return other.earn(reward);
                        });
                long recorded = 0;
                for (Future<Optional<LedgerEntryView>> result : pool.invokeAll(racers)) {
                    recorded += result.get().isPresent() ? 1 : 0;
                }

                assertThat(recorded).isEqualTo(1);
                assertThat(one.entriesFor(reward.referralId())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(other.historyFor(referrer, Year.now(first.getBean(Clock.class)))
                        .yearToDate())
                .isEqualByComparingTo("100.00");
    }

    private static EarnedReward earned(UUID referral, String referrer) {
        RewardItem item = new RewardItem("friends", "credit-10", RewardKind.SERVICE_CREDIT, new BigDecimal("10.00"));
        ComplianceDecision allow = new ComplianceDecision(
                item,
                ComplianceOutcome.ALLOW,
                Optional.of(item),
                List.of(ComplianceRule.PRACTICE_CAP_ITEM),
                List.of(ComplianceRule.PRACTICE_CAP_ITEM),
                List.of("passes every applicable rule"),
                Optional.empty());
        return new EarnedReward(referral, referrer, "referred-" + referral, "friends", "first-visit", allow, "system");
    }
}
