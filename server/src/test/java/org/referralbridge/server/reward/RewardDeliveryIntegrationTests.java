package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.Instances;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two service instances on one PostgreSQL, two inbox workers each, and an EHR that delivers the notifications of the
 * qualifying Encounter (three versions of it, each three times) shuffled to either instance at once, and again after
 * the reward is recorded: exactly one ledger entry, one reward and one ReferralReward in the EHR.
 */
class RewardDeliveryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        String schema = Instances.schema(RewardDeliveryIntegrationTests.class);
        Map<String, Object> common = Map.of(
                "referralbridge.ingest.worker.threads", "2",
                "referralbridge.catch-up.interval", "1h",
                "referralbridge.programs.directory", "src/test/resources/programs-rewards-delivery");
        Instances.Cluster cluster = Instances.cluster(schema, common);
        first = cluster.first();
        second = cluster.second();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void recordsOneRewardWhenTwoInstancesGetTheQualifyingVisitThreeTimesEach() throws Exception {
        FhirContext fhirContext = first.getBean(FhirContext.class);
        Ehr ehr = new Ehr(fhirContext, Instances.port(first));
        AdminApi api = new AdminApi(Instances.port(first));
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        RewardPipeline pipeline = new RewardPipeline(ehr, api, AdminApi.client(Instances.port(first)), jdbc);
        // Encounters are the test's to deliver; Patients and Coverages flow as usual
        first.getBean(SandboxEhr.class).deliverNotificationsOnlyFor(subject -> !subject.startsWith("Encounter/"));

        String referrerId = ehr.create(Patients.existing("RacedAdvocate"));
        String earlier = pipeline.visit(referrerId, Instant.now().minus(60, ChronoUnit.DAYS));
        deliver(fhirContext, ehr, earlier, List.of("1"), 1);
        pipeline.awaitDone("Encounter", earlier, WAIT);
        String code = api.enrol(referrerId);
        String referredId = ehr.create(RewardPipeline.referred("RacedFriend", code, null, null));
        await().atMost(WAIT).until(() -> api.referralOf(referredId), r -> r != null);

        // the visit changes twice before the EHR's queue catches up: three versions, each delivered three times
        String visit = pipeline.visit(referredId, Instant.now().plus(1, ChronoUnit.HOURS));
        touch(ehr, visit);
        touch(ehr, visit);
        deliver(fhirContext, ehr, visit, List.of("1", "2", "3"), 3);
        Map<String, Object> referral = pipeline.awaitRewarded(referredId, WAIT);
        Object referralId = referral.get("id");
        awaitQueuesIdle(jdbc);
        // and again, once the reward is recorded
        long handled = pipeline.done("Encounter", visit);
        touch(ehr, visit);
        deliver(fhirContext, ehr, visit, List.of("4"), 3);
        await().atMost(WAIT).until(() -> pipeline.done("Encounter", visit) > handled);
        awaitQueuesIdle(jdbc);

        assertThat(referral).containsEntry("status", "QUALIFIED");
        List<Map<String, Object>> rewards = pipeline.rewardsOfReferral(referralId);
        assertThat(rewards).hasSize(1);
        Map<String, Object> reward = rewards.get(0);
        assertThat(reward)
                .containsEntry("ruleId", "first-visit")
                .containsEntry("itemId", "credit-15")
                .containsEntry("outcome", "allow")
                .containsEntry("status", "approved")
                .containsEntry("programKey", "credit");
        assertThat(pipeline.rewardsOfReferrer(referrerId)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from reward_ledger where referral_id = ?")
                        .param(UUID.fromString(referralId.toString()))
                        .query(Long.class)
                        .single())
                .as("ledger rows of the referral")
                .isEqualTo(1);
        assertThat(pipeline.earnedRowsOfReferrer(referrerId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from referral where referred_patient_id = ?")
                        .param(referredId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the reward's ReferralReward in the EHR, written once
        await().atMost(WAIT).until(() -> rewardsInEhr(ehr, referrerId).size() >= 1);
        awaitQueuesIdle(jdbc);
        List<Basic> written = rewardsInEhr(ehr, referrerId);
        assertThat(written).hasSize(1);
        List<String> ids = written.get(0).getIdentifier().stream()
                .filter(identifier -> ReferralReward.IDENTIFIER_SYSTEM.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .toList();
        assertThat(ids).hasSize(1);
        assertThat(ids.get(0)).isIn(String.valueOf(reward.get("id")), String.valueOf(reward.get("ledgerEntryId")));
        Bundle byIdentifier = ehr.client()
                .search()
                .forResource(Basic.class)
                .where(Basic.IDENTIFIER.exactly().systemAndIdentifier(ReferralReward.IDENTIFIER_SYSTEM, ids.get(0)))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byIdentifier.getEntry()).hasSize(1);

        // a referral whose evidence names no program falls under the default one
        assertThat(pipeline.referralOf(referredId)).containsEntry("programKey", "credit");
    }

    /** A change of the visit that leaves it as it was for the program (a new identifier): a new version. */
    private static void touch(Ehr ehr, String encounterId) {
        Encounter encounter = ehr.client()
                .read()
                .resource(Encounter.class)
                .withId(encounterId)
                .execute();
        encounter
                .addIdentifier()
                .setSystem("http://clinic.example.org/visit")
                .setValue(UUID.randomUUID().toString());
        ehr.client().update().resource(encounter).execute();
    }

    /**
     * Sends the notification of each version of the Encounter {@code copies} times, shuffled over both instances (each
     * gets some), all at once.
     */
    private static void deliver(FhirContext fhirContext, Ehr ehr, String encounterId, List<String> versions, int copies)
            throws Exception {
        Random random = new Random(11);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        int sent = 0;
        for (String version : versions) {
            Encounter encounter = ehr.client()
                    .read()
                    .resource(Encounter.class)
                    .withIdAndVersion(encounterId, version)
                    .execute();
            String body = fhirContext.newJsonParser().encodeResourceToString(encounter);
            for (int copy = 0; copy < copies; copy++, sent++) {
                ConfigurableApplicationContext target =
                        sent < 2 ? (sent == 0 ? first : second) : (random.nextBoolean() ? first : second);
                int port = Instances.port(target);
                deliveries.add(() -> new Notifications(port)
                        .pushed("/Encounter/" + encounterId, body, Notifications.SECRET, "W/\"" + version + "\"")
                        .statusCode());
            }
        }
        Collections.shuffle(deliveries, random);
        ExecutorService ehrQueue = Executors.newFixedThreadPool(deliveries.size());
        try {
            for (Future<Integer> status : ehrQueue.invokeAll(deliveries)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            ehrQueue.shutdown();
        }
    }

    private static List<Basic> rewardsInEhr(Ehr ehr, String referrerId) {
        Bundle bundle = ehr.client()
                .search()
                .forResource(Basic.class)
                .where(Basic.CODE.exactly().systemAndCode(Canonicals.RESOURCE_KIND_CODE_SYSTEM, ReferralReward.CODE))
                .and(Basic.SUBJECT.hasId("Patient/" + referrerId))
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(entry -> (Basic) entry.getResource())
                .toList();
    }

    private static void awaitQueuesIdle(JdbcClient jdbc) {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
