package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;
import org.referralbridge.conformance.Canonicals.RewardDecision;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrConnection;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.queue.WorkItem;
import org.referralbridge.server.reward.RewardChanged;
import org.referralbridge.server.reward.RewardStatus;

/** The reward's Basic and Tasks as the write-back builds them: valid against their profiles, ours changed only. */
class RewardResourcesTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ConformanceValidator validator = Conformance.validator(FHIR);

    private final Rewards rewards = new Rewards("advocate-1", "referred-1");

    static Stream<Arguments> decisions() {
        List<String> none = List.of();
        return Stream.of(
                Arguments.of(RewardStatus.EARNED, "allow", List.of("OIG-NOMINAL-ITEM-15"), none),
                Arguments.of(RewardStatus.HELD, "allow", List.of("OIG-NOMINAL-ITEM-15"), none),
                Arguments.of(RewardStatus.AWAITING_APPROVAL, "allow", none, none),
                Arguments.of(
                        RewardStatus.APPROVED,
                        "reduce",
                        List.of("OIG-NOMINAL-YEAR-75", "PRACTICE-CAP-ITEM"),
                        List.of("Reduced to the practice's cap of USD 10 per item.")),
                Arguments.of(RewardStatus.ISSUED, "allow", List.of("OIG-NOMINAL-ITEM-15"), none),
                Arguments.of(
                        RewardStatus.VOIDED, "allow", List.of("OIG-NOMINAL-ITEM-15"), List.of("referral reversed")),
                Arguments.of(
                        RewardStatus.BLOCKED,
                        "thank-you-only",
                        List.of("AKS-REFERRED-BENEFICIARY"),
                        List.of("The referred patient had Medicare coverage at referral time: thank-you only.")),
                Arguments.of(RewardStatus.BLOCKED, "block", List.of("FL-817-505"), List.of("State ban.")),
                Arguments.of(
                        RewardStatus.APPROVED,
                        "allow",
                        List.of("AKS-REFERRED-BENEFICIARY", "OVERRIDE"),
                        List.of("Override: the coverage ended before the referral.")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void buildsABasicThatValidatesForEveryStatusAndOutcome(
            RewardStatus status, String outcome, List<String> rules, List<String> reasons) {
        RewardChanged event = rewards.revision(2, status, outcome, rules, reasons);

        Basic basic = RewardResources.newBasic(RewardPayload.of(event, UUID.randomUUID()));

        assertValid(basic);
        assertThat(basic.getIdentifierFirstRep().getSystem()).isEqualTo(ReferralReward.IDENTIFIER_SYSTEM);
        assertThat(basic.getIdentifierFirstRep().getValue())
                .isEqualTo(event.rewardId().toString());
        assertThat(basic.getSubject().getReference()).isEqualTo("Patient/advocate-1");
        assertThat(((Reference) basic.getExtensionByUrl(ReferralReward.REFERRED_PATIENT)
                                .getValue())
                        .getReference())
                .isEqualTo("Patient/referred-1");
        assertThat(((Coding) basic.getExtensionByUrl(ReferralReward.STATUS).getValue()).getCode())
                .isEqualTo(status.code());
        Money value =
                (Money) basic.getExtensionByUrl(ReferralReward.RETAIL_VALUE).getValue();
        assertThat(value.getCurrency()).isEqualTo("USD");
        assertThat(value.getValue()).isEqualByComparingTo(event.retailValue());
        Extension decision = basic.getExtensionByUrl(RewardDecision.URL);
        assertThat(((Coding) decision.getExtensionByUrl(RewardDecision.OUTCOME).getValue()).getCode())
                .isEqualTo(outcome);
        assertThat(decision.getExtensionsByUrl(RewardDecision.RULE).stream()
                        .map(rule -> ((Coding) rule.getValue()).getCode()))
                .containsExactlyElementsOf(rules);
        assertThat(decision.getExtensionsByUrl(RewardDecision.REASON).stream()
                        .map(reason -> ((StringType) reason.getValue()).getValue()))
                .containsExactlyElementsOf(reasons);
        assertThat(RewardResources.revision(basic)).contains(2L);
        assertThat(basic.getCreatedElement().getValueAsString()).isEqualTo("2026-03-20");
    }

    @Test
    void changesOnlyItsOwnPartsOfABasicAndKeepsTheRest() {
        Basic basic = RewardResources.newBasic(rewards.payload(1, RewardStatus.AWAITING_APPROVAL));
        basic.addExtension("https://ehr.example/fhir/StructureDefinition/filed-by", new StringType("front desk"));
        basic.addIdentifier().setSystem("https://ehr.example/ids").setValue("R-77");
        basic.setAuthor(new Reference("Organization/practice"));

        boolean changed = RewardResources.apply(basic, rewards.payload(2, RewardStatus.APPROVED));

        assertThat(changed).isTrue();
        assertThat(((Coding) basic.getExtensionByUrl(ReferralReward.STATUS).getValue()).getCode())
                .isEqualTo("approved");
        assertThat(basic.getExtensionByUrl("https://ehr.example/fhir/StructureDefinition/filed-by"))
                .isNotNull();
        assertThat(basic.getIdentifier()).hasSize(2);
        assertThat(basic.getAuthor().getReference()).isEqualTo("Organization/practice");
        assertThat(basic.getExtensionsByUrl(ReferralReward.STATUS)).hasSize(1);
        assertThat(basic.getCreatedElement().getValueAsString())
                .as("created stays")
                .isEqualTo("2026-03-20");
        assertThat(RewardResources.revision(basic)).contains(2L);
    }

    @Test
    void neverReplacesANewerRevisionWithAnOlderOne() {
        Basic basic = RewardResources.newBasic(rewards.payload(3, RewardStatus.ISSUED));
        Basic before = basic.copy();

        assertThat(RewardResources.apply(basic, rewards.payload(2, RewardStatus.APPROVED)))
                .isFalse();
        assertThat(basic.equalsDeep(before)).isTrue();
    }

    @Test
    void changesNothingWhenTheBasicShowsTheRevisionAlready() {
        Basic basic = RewardResources.newBasic(rewards.payload(2, RewardStatus.APPROVED));

        assertThat(RewardResources.apply(basic, rewards.payload(2, RewardStatus.APPROVED)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decisions")
    void changesNothingOfABasicReadBackFromTheEhrAtTheSameRevision(
            RewardStatus status, String outcome, List<String> rules, List<String> reasons) {
        RewardPayload payload =
                RewardPayload.of(rewards.revision(2, status, outcome, rules, reasons), UUID.randomUUID());
        String written = FHIR.newJsonParser().encodeResourceToString(RewardResources.newBasic(payload));
        Basic read = FHIR.newJsonParser().parseResource(Basic.class, written);
        read.setId("Basic/42/_history/1");
        read.getMeta().setVersionId("1");

        assertThat(RewardResources.apply(read, payload)).isFalse();
    }

    @Test
    void takesARetailValueOfAnotherScaleForTheSameAmount() {
        RewardPayload payload = rewards.payload(1, RewardStatus.APPROVED);
        Basic basic = RewardResources.newBasic(payload);
        ((Money) basic.getExtensionByUrl(ReferralReward.RETAIL_VALUE).getValue())
                .setValue(new java.math.BigDecimal("10.0"));

        assertThat(RewardResources.apply(basic, payload)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskStatus.class,
            names = {"REQUESTED", "COMPLETED", "CANCELLED"})
    void buildsTasksThatValidate(TaskStatus status) {
        for (String code : List.of(ReferralRewardTask.APPROVE, ReferralRewardTask.FULFIL)) {
            Task task = RewardTasks.newTask(rewards.payload(1, RewardStatus.AWAITING_APPROVAL), "42", code, status);

            assertValid(task);
            assertThat(task.getFocus().getReference()).isEqualTo("Basic/42");
            assertThat(task.getFor().getReference()).isEqualTo("Patient/advocate-1");
            assertThat(task.getIdentifierFirstRep().getSystem()).isEqualTo(ReferralRewardTask.IDENTIFIER_SYSTEM);
            assertThat(task.getIdentifierFirstRep().getValue()).isEqualTo(rewards.rewardId() + ":" + code);
            assertThat(task.getStatus()).isEqualTo(status);
        }
    }

    @Test
    void closesAnOpenTaskButNeverReopensOrRecloseOneStaffClosed() {
        RewardPayload approved = rewards.payload(2, RewardStatus.APPROVED);
        Task open = RewardTasks.newTask(approved, "42", ReferralRewardTask.APPROVE, TaskStatus.REQUESTED);
        open.setStatus(TaskStatus.INPROGRESS);
        open.setOwner(new Reference("Practitioner/admin"));
        Task rejected = RewardTasks.newTask(approved, "42", ReferralRewardTask.APPROVE, TaskStatus.REQUESTED);
        rejected.setStatus(TaskStatus.REJECTED);

        assertThat(RewardTasks.setStatus(open, TaskStatus.COMPLETED, approved)).isTrue();
        assertThat(open.getStatus()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(open.getOwner().getReference()).isEqualTo("Practitioner/admin");
        assertValid(open);
        assertThat(RewardTasks.setStatus(open, TaskStatus.COMPLETED, approved)).isFalse();
        assertThat(RewardTasks.setStatus(open, TaskStatus.CANCELLED, approved)).isFalse();
        assertThat(RewardTasks.setStatus(rejected, TaskStatus.COMPLETED, approved))
                .isFalse();
        assertThat(rejected.getStatus()).isEqualTo(TaskStatus.REJECTED);
    }

    @Test
    void asksForTheTasksEachStatusNeeds() {
        assertThat(RewardWriteBack.steps(RewardStatus.HELD)).isEmpty();
        assertThat(RewardWriteBack.steps(RewardStatus.AWAITING_APPROVAL))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of(ReferralRewardTask.APPROVE, RewardWriteBack.TaskStep.OPEN));
        assertThat(RewardWriteBack.steps(RewardStatus.APPROVED))
                .containsEntry(ReferralRewardTask.APPROVE, RewardWriteBack.TaskStep.COMPLETE)
                .containsEntry(ReferralRewardTask.FULFIL, RewardWriteBack.TaskStep.OPEN);
        assertThat(RewardWriteBack.steps(RewardStatus.ISSUED))
                .containsEntry(ReferralRewardTask.FULFIL, RewardWriteBack.TaskStep.COMPLETE_OR_CREATE);
        for (RewardStatus closed : List.of(RewardStatus.VOIDED, RewardStatus.BLOCKED)) {
            assertThat(RewardWriteBack.steps(closed))
                    .containsEntry(ReferralRewardTask.APPROVE, RewardWriteBack.TaskStep.CANCEL)
                    .containsEntry(ReferralRewardTask.FULFIL, RewardWriteBack.TaskStep.CANCEL);
        }
    }

    @Test
    void namesTheCauseInTheProvenanceOfAWriteOfOurOwn() {
        EhrClient unreachable = new EhrClient(FHIR, EhrConnection.to("http://127.0.0.1:9/fhir"));
        ProvenanceRecords records = new ProvenanceRecords(unreachable, Clock.systemUTC());
        WorkItem item =
                new WorkItem(1, WriteBackRequests.REWARD, "Basic", "r", null, "{}", 1, Instant.EPOCH, null, "claim-1");

        Provenance created =
                records.provenance(item, UUID.randomUUID(), "Basic", "42", "1", true, "approved by a program admin");
        Provenance patient = records.provenance(item, UUID.randomUUID(), "Patient", "7", "3", false, null);

        assertValid(created);
        assertThat(created.getReasonFirstRep().getText()).isEqualTo("approved by a program admin");
        assertThat(created.getActivity().getCodingFirstRep().getCode()).isEqualTo("CREATE");
        assertThat(created.getTargetFirstRep().getReference()).isEqualTo("Basic/42/_history/1");
        assertValid(patient);
        assertThat(patient.getReason()).isEmpty();
        assertThat(patient.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");
    }

    @Test
    void derivesADistinctStableWriteIdForEachWriteOfARow() {
        RewardPayload payload = rewards.payload(1, RewardStatus.AWAITING_APPROVAL);

        assertThat(payload.writeIdOf(null)).isEqualTo(payload.writeId());
        assertThat(payload.writeIdOf("approve:requested"))
                .isEqualTo(payload.writeIdOf("approve:requested"))
                .isNotEqualTo(payload.writeIdOf("approve:completed"))
                .isNotEqualTo(payload.writeId());
    }

    @Test
    void refusesAPayloadWithAnUnknownStatusWithoutQuotingIt() {
        RewardPayload payload = rewards.payload(1, RewardStatus.HELD);
        RewardPayload odd = new RewardPayload(
                payload.rewardId(),
                payload.referralId(),
                payload.referrerPatientId(),
                payload.referredPatientId(),
                payload.programKey(),
                payload.ruleId(),
                payload.itemId(),
                payload.itemKind(),
                payload.retailValue(),
                "Jane Doe",
                payload.outcome(),
                payload.ruleIds(),
                payload.reasons(),
                payload.cause(),
                payload.revision(),
                payload.changedAt(),
                payload.writeId());

        assertThatThrownBy(odd::requireComplete)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status is no reward status");
    }

    private static void assertValid(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        ValidationReport report = validator.validate(resource);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }
}
