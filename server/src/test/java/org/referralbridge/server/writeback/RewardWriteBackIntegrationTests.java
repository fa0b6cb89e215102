package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.reward.AdvocateTierReached;
import org.referralbridge.server.reward.RewardChanged;
import org.referralbridge.server.reward.RewardStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewards written into the sandbox EHR from the events the reward pipeline publishes: one Basic per reward at its
 * newest revision, the staff Tasks its status asks for, a Provenance naming the cause for each write, all valid
 * against their profiles; replays and late older revisions change nothing.
 */
@IntegrationTest
class RewardWriteBackIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("outbox")
    WorkQueue outbox;

    @Autowired
    ObjectMapper payloads;

    Ehr ehr;
    String referrer;
    String referred;

    @BeforeEach
    void patients() {
        ehr = new Ehr(fhirContext, port);
        referrer = ehr.create(Patients.existing("RewardedAdvocate"));
        referred = ehr.create(Patients.existing("RewardReferred"));
    }

    @Test
    void followsEachRevisionOfARewardWithItsBasicTasksAndProvenances() {
        Rewards rewards = new Rewards(referrer, referred);

        publishAndWait(rewards.revision(1, RewardStatus.HELD));
        Basic held = onlyBasic(rewards);
        assertThat(status(held)).isEqualTo("held");
        assertThat(tasks(rewards)).isEmpty();

        publishAndWait(rewards.revision(2, RewardStatus.AWAITING_APPROVAL));
        assertThat(status(onlyBasic(rewards))).isEqualTo("awaiting-approval");
        assertThat(taskStatuses(rewards))
                .containsExactlyEntriesOf(Map.of(ReferralRewardTask.APPROVE, TaskStatus.REQUESTED));

        publishAndWait(rewards.revision(3, RewardStatus.APPROVED));
        assertThat(taskStatuses(rewards))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ReferralRewardTask.APPROVE, TaskStatus.COMPLETED,
                        ReferralRewardTask.FULFIL, TaskStatus.REQUESTED));

        publishAndWait(rewards.revision(4, RewardStatus.ISSUED));
        Basic issued = onlyBasic(rewards);
        assertThat(status(issued)).isEqualTo("issued");
        assertThat(RewardResources.revision(issued)).contains(4L);
        assertThat(issued.getIdElement().getIdPart())
                .isEqualTo(held.getIdElement().getIdPart());
        assertThat(issued.getMeta().getVersionId())
                .as("created, then three updates")
                .isEqualTo("4");
        assertThat(taskStatuses(rewards))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ReferralRewardTask.APPROVE, TaskStatus.COMPLETED,
                        ReferralRewardTask.FULFIL, TaskStatus.COMPLETED));
        assertValid(issued);
        tasks(rewards).forEach(task -> {
            assertValid(task);
            assertThat(task.getFocus().getReference())
                    .isEqualTo("Basic/" + issued.getIdElement().getIdPart());
            assertThat(task.getFor().getReference()).isEqualTo("Patient/" + referrer);
        });

        List<Provenance> basicProvenances =
                provenances("Basic/" + issued.getIdElement().getIdPart());
        assertThat(basicProvenances).hasSize(4);
        assertThat(basicProvenances.stream().map(p -> p.getTargetFirstRep().getReference()))
                .containsExactlyInAnyOrder(
                        basicVersion(issued, 1),
                        basicVersion(issued, 2),
                        basicVersion(issued, 3),
                        basicVersion(issued, 4));
        assertThat(basicProvenances.stream().map(p -> p.getReasonFirstRep().getText()))
                .containsExactlyInAnyOrder(
                        rewards.revision(1, RewardStatus.HELD).cause(),
                        rewards.revision(2, RewardStatus.HELD).cause(),
                        rewards.revision(3, RewardStatus.HELD).cause(),
                        rewards.revision(4, RewardStatus.HELD).cause());
        for (Task task : tasks(rewards)) {
            List<Provenance> taskProvenances =
                    provenances("Task/" + task.getIdElement().getIdPart());
            assertThat(taskProvenances).as("created, then completed").hasSize(2);
            taskProvenances.forEach(this::assertValid);
        }
        basicProvenances.forEach(this::assertValid);
    }

    @Test
    void writesNothingMoreWhenAnEventIsReplayedOrAnOlderRevisionArrivesLate() {
        Rewards rewards = new Rewards(referrer, referred);
        publishAndWait(rewards.revision(2, RewardStatus.APPROVED));
        Basic approved = onlyBasic(rewards);
        assertThat(taskStatuses(rewards))
                .containsExactlyEntriesOf(Map.of(ReferralRewardTask.FULFIL, TaskStatus.REQUESTED));
        int provenancesBefore =
                provenances("Basic/" + approved.getIdElement().getIdPart()).size();

        publishAndWait(rewards.revision(2, RewardStatus.APPROVED));
        publishAndWait(rewards.revision(1, RewardStatus.AWAITING_APPROVAL));

        Basic after = onlyBasic(rewards);
        assertThat(after.getMeta().getVersionId()).isEqualTo(approved.getMeta().getVersionId());
        assertThat(status(after)).isEqualTo("approved");
        assertThat(RewardResources.revision(after)).contains(2L);
        assertThat(taskStatuses(rewards))
                .as("no approve task for the late awaiting-approval")
                .containsExactlyEntriesOf(Map.of(ReferralRewardTask.FULFIL, TaskStatus.REQUESTED));
        assertThat(provenances("Basic/" + approved.getIdElement().getIdPart())).hasSize(provenancesBefore);
        assertThat(rows(rewards)).as("the replay queued nothing").isEqualTo(2);
    }

    @Test
    void repeatsNothingWhenTheSameRevisionIsHandledAgain() throws Exception {
        Rewards rewards = new Rewards(referrer, referred);
        RewardChanged event = rewards.revision(1, RewardStatus.AWAITING_APPROVAL);
        publishAndWait(event);
        Basic written = onlyBasic(rewards);
        int provenancesBefore =
                provenances("Basic/" + written.getIdElement().getIdPart()).size();

        transactions.executeWithoutResult(tx -> outbox.enqueue(new NewWorkItem(
                WriteBackRequests.REWARD,
                "Basic",
                rewards.rewardId().toString(),
                null,
                payload(RewardPayload.of(event, UUID.randomUUID())),
                "test:" + UUID.randomUUID(),
                null)));
        awaitDone(rewards);

        Basic after = onlyBasic(rewards);
        assertThat(after.getMeta().getVersionId()).isEqualTo(written.getMeta().getVersionId());
        assertThat(tasks(rewards))
                .hasSize(1)
                .allSatisfy(task -> assertThat(task.getMeta().getVersionId()).isEqualTo("1"));
        assertThat(provenances("Basic/" + written.getIdElement().getIdPart())).hasSize(provenancesBefore);
    }

    private String payload(Object value) {
        try {
            return payloads.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void endsAtTheLastRevisionWhenAllArriveInOneTransaction() {
        Rewards rewards = new Rewards(referrer, referred);

        transactions.executeWithoutResult(tx -> {
            events.publishEvent(rewards.revision(1, RewardStatus.HELD));
            events.publishEvent(rewards.revision(2, RewardStatus.AWAITING_APPROVAL));
            events.publishEvent(rewards.revision(3, RewardStatus.APPROVED));
            events.publishEvent(rewards.revision(4, RewardStatus.ISSUED));
        });
        awaitDone(rewards);

        Basic issued = onlyBasic(rewards);
        assertThat(status(issued)).isEqualTo("issued");
        assertThat(RewardResources.revision(issued)).contains(4L);
        assertValid(issued);
        Map<String, TaskStatus> tasks = taskStatuses(rewards);
        assertThat(tasks).containsEntry(ReferralRewardTask.FULFIL, TaskStatus.COMPLETED);
        assertThat(tasks.values()).as("nothing left open").containsOnly(TaskStatus.COMPLETED);
        tasks(rewards).forEach(this::assertValid);
    }

    @Test
    void cancelsTheOpenTaskOfAVoidedRewardAndWritesABlockedOneWithoutTasks() {
        Rewards voided = new Rewards(referrer, referred);
        publishAndWait(voided.revision(1, RewardStatus.AWAITING_APPROVAL));
        publishAndWait(voided.revision(
                2, RewardStatus.VOIDED, "allow", List.of("OIG-NOMINAL-ITEM-15"), List.of("referral reversed")));
        Rewards blocked = new Rewards(referrer, referred);
        publishAndWait(blocked.revision(
                1,
                RewardStatus.BLOCKED,
                "thank-you-only",
                List.of("AKS-REFERRED-BENEFICIARY"),
                List.of("The referred patient had Medicare coverage at referral time: thank-you only.")));

        assertThat(status(onlyBasic(voided))).isEqualTo("voided");
        assertThat(taskStatuses(voided))
                .containsExactlyEntriesOf(Map.of(ReferralRewardTask.APPROVE, TaskStatus.CANCELLED));
        tasks(voided).forEach(this::assertValid);
        Basic thankYou = onlyBasic(blocked);
        assertThat(status(thankYou)).isEqualTo("blocked");
        assertThat(tasks(blocked)).isEmpty();
        assertValid(thankYou);
        assertValid(onlyBasic(voided));
    }

    @Test
    void writesTheTierAnAdvocateReached() {
        String advocate = ehr.create(Patients.existing("Tiered"));
        String code = new AdminApi(port).enrol(advocate);
        await().atMost(WAIT)
                .until(() -> ehr.patient(advocate).getMeta().getVersionId().equals("2"));

        transactions.executeWithoutResult(tx -> events.publishEvent(new AdvocateTierReached(
                UUID.randomUUID(),
                advocate,
                code,
                Instant.parse("2026-01-05T09:00:00Z"),
                3,
                "tell-a-friend: 3 in 2026")));

        Patient tiered = await().atMost(WAIT)
                .until(
                        () -> ehr.patient(advocate),
                        patient -> patient.getMeta().getVersionId().equals("3"));
        Extension extension = tiered.getExtensionByUrl(ReferralAdvocate.URL);
        assertThat(((StringType) extension
                                .getExtensionByUrl(ReferralAdvocate.TIER)
                                .getValue())
                        .getValue())
                .isEqualTo("tell-a-friend: 3 in 2026");
        assertThat(extension
                        .getExtensionByUrl(ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .getValueAsPrimitive()
                        .getValueAsString())
                .isEqualTo("3");
        assertThat(((StringType) extension
                                .getExtensionByUrl(ReferralAdvocate.CODE)
                                .getValue())
                        .getValue())
                .isEqualTo(code);
        assertThat(tiered.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
        assertValid(tiered);
        assertThat(provenances("Patient/" + advocate).stream()
                        .map(p -> p.getTargetFirstRep().getReference()))
                .contains("Patient/" + advocate + "/_history/3");
    }

    private void publishAndWait(RewardChanged event) {
        transactions.executeWithoutResult(tx -> events.publishEvent(event));
        awaitDone(new RewardsOf(event.rewardId()));
    }

    private void awaitDone(Rewards rewards) {
        awaitDone(new RewardsOf(rewards.rewardId()));
    }

    private void awaitDone(RewardsOf reward) {
        await().atMost(WAIT)
                .until(() -> jdbc.sql(
                                        "select count(*) from outbox where kind = ? and resource_id = ? and status <> 'done'")
                                .params(WriteBackRequests.REWARD, reward.id().toString())
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private record RewardsOf(UUID id) {}

    private long rows(Rewards rewards) {
        return jdbc.sql("select count(*) from outbox where kind = ? and resource_id = ?")
                .params(WriteBackRequests.REWARD, rewards.rewardId().toString())
                .query(Long.class)
                .single();
    }

    private Basic onlyBasic(Rewards rewards) {
        List<Basic> found = search(
                Basic.class, "Basic?identifier=" + encode(ReferralReward.IDENTIFIER_SYSTEM + "|" + rewards.rewardId()));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<Task> tasks(Rewards rewards) {
        return List.of(ReferralRewardTask.APPROVE, ReferralRewardTask.FULFIL).stream()
                .flatMap(code -> search(
                        Task.class,
                        "Task?identifier="
                                + encode(ReferralRewardTask.IDENTIFIER_SYSTEM + "|" + rewards.rewardId() + ":" + code))
                        .stream())
                .toList();
    }

    private Map<String, TaskStatus> taskStatuses(Rewards rewards) {
        return tasks(rewards).stream()
                .collect(Collectors.toMap(
                        task -> task.getCode().getCodingFirstRep().getCode(), Task::getStatus));
    }

    private List<Provenance> provenances(String target) {
        return search(Provenance.class, "Provenance?target=" + encode(target));
    }

    private <T extends IBaseResource> List<T> search(Class<T> type, String url) {
        Bundle bundle =
                ehr.client().search().byUrl(url).returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream()
                .map(entry -> type.cast(entry.getResource()))
                .toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String status(Basic basic) {
        return Optional.ofNullable(basic.getExtensionByUrl(ReferralReward.STATUS))
                .map(extension -> ((Coding) extension.getValue()).getCode())
                .orElse(null);
    }

    private static String basicVersion(Basic basic, int version) {
        return "Basic/" + basic.getIdElement().getIdPart() + "/_history/" + version;
    }

    private void assertValid(IBaseResource resource) {
        ValidationReport report = Conformance.validator(fhirContext).validate(resource);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }
}
