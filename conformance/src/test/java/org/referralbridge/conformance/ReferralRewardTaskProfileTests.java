package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;

/** The ReferralRewardTask profile (on Task) refuses staff work that names no reward: each test breaks the example. */
class ReferralRewardTaskProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsAFulfilmentTaskWithOwnerAndAVersionedAbsoluteFocus() {
        Task task = example();
        task.setCode(new CodeableConcept(new Coding(ReferralRewardTask.CODE_SYSTEM, ReferralRewardTask.FULFIL, null)));
        task.setStatus(TaskStatus.INPROGRESS);
        task.setFocus(new Reference("https://ehr.example.org/fhir/Basic/reward-1/_history/2"));
        task.setOwner(new Reference("Organization/front-desk"));
        task.setBusinessStatus(new CodeableConcept().setText("Gift ordered"));

        ValidationReport report = validator.validate(task);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void rejectsATaskWithoutFocus() {
        Task task = example();
        task.setFocus(null);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Task.focus"));
    }

    @Test
    void rejectsAFocusOnAnotherResourceThanBasic() {
        Task task = example();
        task.setFocus(new Reference("ChargeItem/1"));

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-task-1"));
    }

    @Test
    void rejectsAFocusWithOnlyADisplay() {
        Task task = example();
        task.setFocus(new Reference().setDisplay("the reward"));

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-task-1"));
    }

    @Test
    void rejectsAnotherIntentThanOrder() {
        Task task = example();
        task.setIntent(TaskIntent.PLAN);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Task.intent"));
    }

    @Test
    void rejectsATaskWithoutCode() {
        Task task = example();
        task.setCode(null);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Task.code"));
    }

    @Test
    void rejectsACodeThatIsNotInTheCodeSystem() {
        Task task = example();
        task.setCode(new CodeableConcept(new Coding(ReferralRewardTask.CODE_SYSTEM, "pay", null)));

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralRewardTask.VALUE_SET));
    }

    @Test
    void rejectsATaskWithoutFor() {
        Task task = example();
        task.setFor(null);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Task.for"));
    }

    @Test
    void rejectsATaskForSomeoneOtherThanAPatient() {
        Task task = example();
        task.setFor(new Reference("Organization/1"));

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-task-2"));
    }

    @Test
    void rejectsATaskWithoutAuthoredOn() {
        Task task = example();
        task.setAuthoredOnElement(null);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Task.authoredOn"));
    }

    @Test
    void rejectsATaskWithoutStatus() {
        Task task = example();
        task.setStatus(null);

        assertThat(validator.validate(task).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Task.status"));
    }

    private static Task example() {
        return Conformance.pkg().example(Task.class, "approve-reward-for-referred-by-anna");
    }
}
