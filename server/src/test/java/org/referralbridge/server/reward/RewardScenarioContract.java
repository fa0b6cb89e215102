package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.reward.RewardPipeline.Driven;
import org.referralbridge.server.reward.RewardScenario.Expected;
import org.referralbridge.server.reward.RewardScenario.NotQualified;
import org.referralbridge.server.reward.RewardScenario.PracticeState;
import org.referralbridge.server.reward.RewardScenario.Rejected;
import org.referralbridge.server.reward.RewardScenario.Reward;
import org.referralbridge.server.reward.RewardScenario.Rewards;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reward scenario table ({@link RewardScenarios}) through the real pipeline, in the practice state a subclass
 * names (the state is a context property, so each state is a class of its own, with a schema of its own). Every row's
 * patients are its own. All rows are driven at once before the first case runs (the EHR, the workers and the
 * settlement are shared, as in a clinic); each case then waits for its referral to settle and checks it against the
 * table through {@code GET /api/referrals}, {@code GET /api/rewards?referral=} and the ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RewardScenarioContract {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RewardLedger ledger;

    RewardPipeline pipeline;

    private final Map<String, Future<Driven>> driven = new LinkedHashMap<>();
    private ExecutorService drivers;

    /** The practice state of the subclass's context ({@code referralbridge.practice.state}). */
    abstract PracticeState state();

    @BeforeAll
    void driveEveryScenario() {
        pipeline = new RewardPipeline(new Ehr(fhirContext, port), new AdminApi(port), AdminApi.client(port), jdbc);
        List<RewardScenario> scenarios = RewardScenarios.all();
        assertThat(new HashSet<>(scenarios.stream().map(RewardScenario::name).toList()))
                .as("scenario names are unique")
                .hasSize(scenarios.size());
        drivers = Executors.newFixedThreadPool(6);
        for (int i = 0; i < scenarios.size(); i++) {
            RewardScenario scenario = scenarios.get(i);
            String tag = state().name() + i;
            driven.put(scenario.name(), drivers.submit(() -> pipeline.drive(scenario, tag, ledger)));
        }
    }

    @AfterAll
    void stopDrivers() {
        drivers.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.referralbridge.server.reward.RewardScenarios#all")
    void settlesTheReferralAsTheTableSays(RewardScenario scenario) throws Exception {
        // the driving itself waits for each step (at most a minute each); this only collects it
        Driven run = driven.get(scenario.name()).get(5, TimeUnit.MINUTES);
        Expected expected = scenario.expected().get(state());
        if (expected instanceof Rejected rejected) {
            assertRejected(scenario, run, rejected);
        } else if (expected instanceof NotQualified notQualified) {
            assertNotQualified(scenario, run, notQualified);
        } else {
            assertRewarded(scenario, run, (Rewards) expected);
        }
    }

    private void assertRejected(RewardScenario scenario, Driven run, Rejected expected) {
        await().atMost(RewardPipeline.WAIT)
                .untilAsserted(() -> assertThat(pipeline.referralOf(run.referredId()))
                        .containsEntry("status", "REJECTED")
                        .containsEntry("rejectionReason", expected.rejectionReason())
                        .containsEntry("programKey", scenario.program()));
        Object referralId = pipeline.referralOf(run.referredId()).get("id");
        assertThat(pipeline.rewardsOfReferral(referralId)).isEmpty();
        assertThat(pipeline.earnedRows(referralId)).isZero();
    }

    private void assertNotQualified(RewardScenario scenario, Driven run, NotQualified expected) {
        await().atMost(RewardPipeline.WAIT)
                .untilAsserted(() -> assertThat(pipeline.referralOf(run.referredId()))
                        .containsEntry("status", "LINKED")
                        .containsEntry("qualificationNote", expected.qualificationNote())
                        .containsEntry("programKey", scenario.program())
                        .containsEntry("settledAt", null));
        Object referralId = pipeline.referralOf(run.referredId()).get("id");
        assertThat(pipeline.rewardsOfReferral(referralId)).isEmpty();
        assertThat(pipeline.earnedRows(referralId)).isZero();
    }

    private void assertRewarded(RewardScenario scenario, Driven run, Rewards expected) {
        Map<String, Object> referral = pipeline.awaitSettled(run.referredId(), RewardPipeline.WAIT);
        assertThat(referral)
                .containsEntry("status", "QUALIFIED")
                .containsEntry("programKey", scenario.program())
                .containsEntry("rejectionReason", null);
        Object referralId = referral.get("id");
        List<String> ruleIds = expected.rewards().stream().map(Reward::ruleId).toList();
        await().atMost(RewardPipeline.WAIT)
                .untilAsserted(() -> assertThat(pipeline.rewardsOfReferral(referralId))
                        .extracting(reward -> reward.get("ruleId"))
                        .containsExactlyInAnyOrderElementsOf(ruleIds));
        List<Map<String, Object>> rewards = pipeline.rewardsOfReferral(referralId);
        SoftAssertions softly = new SoftAssertions();
        for (Reward want : expected.rewards()) {
            Map<String, Object> got = rewards.stream()
                    .filter(reward -> want.ruleId().equals(reward.get("ruleId")))
                    .findFirst()
                    .orElseThrow();
            String rule = "reward of rule " + want.ruleId();
            List<String> wantedRuleIds =
                    want.ruleIds() == null ? RewardScenarios.checked(scenario, state()) : want.ruleIds();
            String status = RewardScenarios.status(scenario.program(), want);
            softly.assertThat(got.get("outcome")).as(rule + ": outcome").isEqualTo(want.outcome());
            softly.assertThat(got.get("status")).as(rule + ": status").isEqualTo(status);
            softly.assertThat(got.get("requestedItemId"))
                    .as(rule + ": requestedItemId")
                    .isEqualTo(want.requestedItemId());
            softly.assertThat(asStrings(got.get("ruleIds")))
                    .as(rule + ": ruleIds")
                    .containsExactlyInAnyOrderElementsOf(wantedRuleIds);
            softly.assertThat(asStrings(got.get("rulesChecked")))
                    .as(rule + ": rulesChecked")
                    .containsAll(wantedRuleIds);
            softly.assertThat(got.get("programKey")).as(rule + ": programKey").isEqualTo(scenario.program());
            softly.assertThat(got.get("referralId")).as(rule + ": referralId").isEqualTo(referralId);
            softly.assertThat(got.get("referrerPatientId"))
                    .as(rule + ": referrerPatientId")
                    .isEqualTo(run.referrerId());
            softly.assertThat(got.get("referredPatientId"))
                    .as(rule + ": referredPatientId")
                    .isEqualTo(run.referredId());
            if (want.givesItem()) {
                softly.assertThat(got.get("itemId")).as(rule + ": itemId").isEqualTo(want.itemId());
                softly.assertThat(got.get("itemKind"))
                        .as(rule + ": itemKind")
                        .isEqualTo(RewardPipeline.kindOf(want.itemId()));
                softly.assertThat(new BigDecimal(String.valueOf(got.get("retailValue"))))
                        .as(rule + ": retailValue")
                        .isEqualByComparingTo(RewardPipeline.valueOf(want.itemId()));
                softly.assertThat(got.get("currency")).as(rule + ": currency").isEqualTo("USD");
                softly.assertThat(got.get("ledgerEntryId"))
                        .as(rule + ": ledgerEntryId")
                        .isNotNull();
            } else {
                softly.assertThat(got.get("ledgerEntryId"))
                        .as(rule + ": ledgerEntryId")
                        .isNull();
            }
            if ("held".equals(status)) {
                // program in-kind holds for 7 days from when the reward was earned
                softly.assertThat(got.get("holdUntil")).as(rule + ": holdUntil").isNotNull();
                softly.assertThat(got.get("earnedAt")).as(rule + ": earnedAt").isNotNull();
                if (got.get("holdUntil") != null && got.get("earnedAt") != null) {
                    softly.assertThat(Instant.parse(String.valueOf(got.get("holdUntil"))))
                            .as(rule + ": holdUntil")
                            .isCloseTo(
                                    Instant.parse(String.valueOf(got.get("earnedAt")))
                                            .plus(7, ChronoUnit.DAYS),
                                    within(1, ChronoUnit.SECONDS));
                }
            }
        }
        softly.assertThat(pipeline.earnedRows(referralId))
                .as("ledger EARNED rows of the referral")
                .isEqualTo(expected.rewards().stream().filter(Reward::givesItem).count());
        softly.assertAll();
    }

    private static List<String> asStrings(Object list) {
        return list == null
                ? List.of()
                : ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
