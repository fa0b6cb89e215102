package org.referralbridge.server.writeback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkItem;
import org.referralbridge.server.reward.RewardStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one revision of a reward into the EHR: its ReferralReward (a Basic, created conditionally on its identifier,
 * later changed with {@code If-Match}, never back to an older revision), then the ReferralRewardTasks its status asks
 * for, each write with a Provenance naming the revision's cause. Every step is idempotent, so a retried row repeats
 * what it did and adds nothing.
 *
 * <p>Rows of one reward may run at once on two workers. Tasks follow the status of the revision written; when the
 * Basic shows a newer revision afterwards, its row may have looked at the Tasks before this one changed them, so the
 * Tasks are brought in line with the newer status too.
 */
class RewardWriteBack {

    private static final Logger log = LoggerFactory.getLogger(RewardWriteBack.class);
    private static final int MAX_ROUNDS = 3;

    private final EhrClient ehr;
    private final ProvenanceRecords provenance;

    RewardWriteBack(EhrClient ehr, ProvenanceRecords provenance) {
        this.ehr = ehr;
        this.provenance = provenance;
    }

    /** What each status asks of a task; a task a status does not name is left as it is. */
    enum TaskStep {
        /** Make it, requested, if there is none. */
        OPEN,
        /** Complete it if there is one still open. */
        COMPLETE,
        /** Complete it, making it completed if there is none. */
        COMPLETE_OR_CREATE,
        /** Cancel it if there is one still open. */
        CANCEL
    }

    /** The task steps of a status, approve before fulfil. */
    static Map<String, TaskStep> steps(RewardStatus status) {
        return switch (status) {
            case EARNED, HELD -> Map.of();
            case AWAITING_APPROVAL -> Map.of(ReferralRewardTask.APPROVE, TaskStep.OPEN);
            case APPROVED ->
                Map.of(ReferralRewardTask.APPROVE, TaskStep.COMPLETE, ReferralRewardTask.FULFIL, TaskStep.OPEN);
            case ISSUED ->
                Map.of(
                        ReferralRewardTask.APPROVE,
                        TaskStep.COMPLETE,
                        ReferralRewardTask.FULFIL,
                        TaskStep.COMPLETE_OR_CREATE);
            case VOIDED, BLOCKED ->
                Map.of(ReferralRewardTask.APPROVE, TaskStep.CANCEL, ReferralRewardTask.FULFIL, TaskStep.CANCEL);
        };
    }

    void handle(WorkItem item, RewardPayload reward) {
        Basic basic = writeBasic(item, reward);
        String basicId = basic.getIdElement().getIdPart();
        long shown = RewardResources.revision(basic).orElse(reward.revision());
        if (shown > reward.revision()) {
            log.info(
                    "Basic/{} shows revision {} of reward {}, newer than {}; nothing written",
                    basicId,
                    shown,
                    reward.rewardId(),
                    reward.revision());
            return;
        }
        RewardStatus status = RewardResources.status(reward.status());
        long reconciled = reward.revision();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            writeTasks(item, reward, basicId, status);
            Basic now = EhrCalls.call("read Basic", () -> ehr.read(Basic.class, basicId))
                    .orElseThrow(() -> new RetryLater("Basic/" + basicId + " is gone from the EHR", null, null));
            long newest = RewardResources.revision(now).orElse(reconciled);
            Optional<RewardStatus> newer = RewardResources.shownStatus(now);
            if (newest <= reconciled || newer.isEmpty()) {
                return;
            }
            log.debug("Basic/{} moved on to revision {} meanwhile; bringing its Tasks in line", basicId, newest);
            status = newer.get();
            reconciled = newest;
        }
    }

    /** Creates or updates the Basic; returns it as the EHR now has it (at least its id and revision). */
    private Basic writeBasic(WorkItem item, RewardPayload reward) {
        Basic fresh = RewardResources.newBasic(reward);
        CreateOutcome created =
                EhrCalls.call("create Basic", () -> ehr.create(fresh, RewardResources.basicQuery(reward)));
        String id = created.id() != null ? created.id() : findId("Basic", RewardResources.basicQuery(reward));
        if (id == null) {
            // the EHR said it had one, yet named none and finds none: its search may lag behind its writes
            throw new RetryLater("the EHR reported no id for the Basic of reward " + reward.rewardId(), null, null);
        }
        if (created.created()) {
            log.info("Created Basic/{} for reward {} (revision {})", id, reward.rewardId(), reward.revision());
            recordProvenance(item, reward, null, "Basic", id, created.versionId(), true);
            fresh.setId(id);
            return fresh;
        }
        AtomicReference<Basic> seen = new AtomicReference<>();
        WriteOutcome outcome = EhrCalls.call(
                "update Basic/" + id,
                () -> ehr.update(Basic.class, id, basic -> {
                    seen.set(basic);
                    return RewardResources.apply(basic, reward);
                }));
        switch (outcome.result()) {
            case WRITTEN -> {
                log.info("Wrote revision {} of reward {} to Basic/{}", reward.revision(), reward.rewardId(), id);
                recordProvenance(item, reward, null, "Basic", id, outcome.versionId(), false);
            }
            case UNCHANGED -> {
                if (item.attempts() > 1) {
                    // an earlier attempt may have written and then failed before its Provenance
                    recordProvenanceIfOurs(item, reward, id, outcome.versionId());
                }
            }
            case NOT_FOUND -> throw new RetryLater("Basic/" + id + " vanished while being written", null, null);
        }
        return seen.get();
    }

    /** A Provenance of an earlier attempt's write is only made up for when that version shows this revision. */
    private void recordProvenanceIfOurs(WorkItem item, RewardPayload reward, String id, String versionId) {
        Optional<Basic> current = EhrCalls.call("read Basic", () -> ehr.read(Basic.class, id));
        boolean ours = current.flatMap(RewardResources::revision)
                .filter(shown -> shown == reward.revision())
                .isPresent();
        if (ours) {
            recordProvenance(item, reward, null, "Basic", id, versionId, reward.revision() == 1);
        }
    }

    private void writeTasks(WorkItem item, RewardPayload reward, String basicId, RewardStatus status) {
        Map<String, TaskStep> steps = steps(status);
        for (String code : List.of(ReferralRewardTask.APPROVE, ReferralRewardTask.FULFIL)) {
            TaskStep step = steps.get(code);
            if (step != null) {
                writeTask(item, reward, basicId, code, step);
            }
        }
    }

    private void writeTask(WorkItem item, RewardPayload reward, String basicId, String code, TaskStep step) {
        String query = RewardTasks.taskQuery(reward, code);
        String id;
        if (step == TaskStep.OPEN || step == TaskStep.COMPLETE_OR_CREATE) {
            TaskStatus status = step == TaskStep.OPEN ? TaskStatus.REQUESTED : TaskStatus.COMPLETED;
            Task fresh = RewardTasks.newTask(reward, basicId, code, status);
            CreateOutcome created = EhrCalls.call("create Task", () -> ehr.create(fresh, query));
            id = created.id() != null ? created.id() : findId("Task", query);
            if (id == null) {
                throw new RetryLater(
                        "the EHR reported no id for the " + code + " Task of Basic/" + basicId, null, null);
            }
            if (created.created() || (step == TaskStep.OPEN && item.attempts() > 1)) {
                // on a retry, an earlier attempt may have created it and then failed before its Provenance
                log.info(
                        created.created()
                                ? "Created Task/{} ({}, {}) for Basic/{}"
                                : "Task/{} ({}, {}) of Basic/{} exists",
                        id,
                        code,
                        status.toCode(),
                        basicId);
                recordProvenance(item, reward, code + ":" + status.toCode(), "Task", id, created.versionId(), true);
                return;
            }
            if (step == TaskStep.OPEN) {
                return;
            }
        } else {
            id = findId("Task", query);
            if (id == null) {
                return;
            }
        }
        TaskStatus wanted = step == TaskStep.CANCEL ? TaskStatus.CANCELLED : TaskStatus.COMPLETED;
        WriteOutcome outcome = EhrCalls.call(
                "update Task/" + id,
                () -> ehr.update(Task.class, id, task -> RewardTasks.setStatus(task, wanted, reward)));
        boolean madeUp = outcome.result() == WriteOutcome.Result.UNCHANGED
                && item.attempts() > 1
                && EhrCalls.call("read Task", () -> ehr.read(Task.class, id))
                        .map(Task::getStatus)
                        .filter(wanted::equals)
                        .isPresent();
        if (outcome.result() == WriteOutcome.Result.WRITTEN || madeUp) {
            log.info("Task/{} ({}) is now {}", id, code, wanted.toCode());
            recordProvenance(item, reward, code + ":" + wanted.toCode(), "Task", id, outcome.versionId(), false);
        }
    }

    /** The id of the one resource of ours the query finds, or null. */
    private String findId(String type, String query) {
        return EhrCalls.findOne(ehr, type, query);
    }

    private void recordProvenance(
            WorkItem item, RewardPayload reward, String part, String type, String id, String version, boolean created) {
        EhrCalls.call("record Provenance", () -> {
            provenance.record(item, reward.writeIdOf(part), type, id, version, created, reward.cause());
            return null;
        });
    }
}
