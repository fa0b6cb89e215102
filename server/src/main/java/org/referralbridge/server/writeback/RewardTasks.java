package org.referralbridge.server.writeback;

import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;

/**
 * A reward's ReferralRewardTasks (approve, fulfil): one of each code per reward, found by an identifier of ours, and
 * only their status changed after creation, never reopening one that staff closed.
 */
final class RewardTasks {

    private static final Map<String, String> TASK_DISPLAY =
            Map.of(ReferralRewardTask.APPROVE, "Approve reward", ReferralRewardTask.FULFIL, "Fulfil reward");
    /** Task statuses after which nobody works on the task any more. */
    private static final Set<TaskStatus> DONE = Set.of(
            TaskStatus.COMPLETED,
            TaskStatus.CANCELLED,
            TaskStatus.FAILED,
            TaskStatus.REJECTED,
            TaskStatus.ENTEREDINERROR);

    private RewardTasks() {}

    /** {@code identifier=<system>|<reward id>:<code>}: the If-None-Exist of a Task, and its search. */
    static String taskQuery(RewardPayload reward, String code) {
        return "identifier=" + ReferralRewardTask.IDENTIFIER_SYSTEM + "|" + taskIdentifier(reward, code);
    }

    static String taskIdentifier(RewardPayload reward, String code) {
        return reward.rewardId() + ":" + code;
    }

    /** A new ReferralRewardTask of this code on the Basic, in this status. */
    static Task newTask(RewardPayload reward, String basicId, String code, TaskStatus status) {
        Task task = new Task();
        task.getMeta().addProfile(ReferralRewardTask.URL);
        task.addIdentifier().setSystem(ReferralRewardTask.IDENTIFIER_SYSTEM).setValue(taskIdentifier(reward, code));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(ReferralRewardTask.CODE_SYSTEM, code, TASK_DISPLAY.get(code))));
        task.setFocus(new Reference("Basic/" + basicId));
        task.setFor(new Reference("Patient/" + reward.referrerPatientId()));
        task.setAuthoredOn(Date.from(reward.changedAt()));
        setStatus(task, status, reward);
        return task;
    }

    /**
     * Moves a task to {@code status}, unless it is done already (completed, cancelled, failed...): staff may have
     * closed it themselves, and a closed task is not reopened.
     *
     * @return false when nothing changed
     */
    static boolean setStatus(Task task, TaskStatus status, RewardPayload reward) {
        if (task.getStatus() == status || (task.hasStatus() && DONE.contains(task.getStatus()))) {
            return false;
        }
        task.setStatus(status);
        task.setLastModified(Date.from(reward.changedAt()));
        task.setBusinessStatus(new CodeableConcept().setText(businessStatus(task, status)));
        return true;
    }

    static boolean isDone(Task task) {
        return task.hasStatus() && DONE.contains(task.getStatus());
    }

    private static String businessStatus(Task task, TaskStatus status) {
        boolean approve = ReferralRewardTask.APPROVE.equals(
                task.getCode().getCodingFirstRep().getCode());
        if (status == TaskStatus.COMPLETED) {
            return approve ? "Approved" : "Issued";
        }
        if (status == TaskStatus.CANCELLED) {
            return "No longer needed: the reward was voided or blocked";
        }
        return approve ? "Waiting for a program admin" : "Waiting to be handed to the advocate";
    }
}
