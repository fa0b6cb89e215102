package org.referralbridge.server.reward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;

/**
 * One reward of one referral under one program rule (or tier), and where it stands. The ledger holds what was earned;
 * this row holds what staff do with it: {@code held → awaiting-approval → approved → issued}, {@code voided}, or
 * {@code blocked} when the compliance decision allows nothing of value. Each change raises {@link #revision}.
 */
@Entity
@Table(name = "reward")
class Reward {

    @Id
    private UUID id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    private UUID referralId;

    @Column(name = "referrer_patient_id", nullable = false, updatable = false)
    private String referrerPatientId;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Column(name = "program_key", nullable = false, updatable = false)
    private String programKey;

    @Column(name = "rule_id", nullable = false, updatable = false)
    private String ruleId;

    @Column(name = "requested_item_id", nullable = false, updatable = false)
    private String requestedItemId;

    @Column(name = "item_id", nullable = false)
    private String itemId;

    @Enumerated(EnumType.STRING)
    @Column(name = "item_kind", nullable = false)
    private RewardKind itemKind;

    @Column(name = "retail_value", nullable = false, precision = 10, scale = 2)
    private BigDecimal retailValue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RewardStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "compliance_outcome", nullable = false)
    private ComplianceOutcome outcome;

    @Column(name = "compliance_rule_ids", nullable = false)
    private String ruleIds;

    @Column(name = "compliance_rules_checked", nullable = false)
    private String rulesChecked;

    @Column(name = "compliance_reasons", nullable = false)
    private String reasons;

    @Column(name = "referrer_programs", nullable = false)
    private String referrerPrograms;

    @Column(name = "referred_programs", nullable = false)
    private String referredPrograms;

    @Column(name = "coverage_ids", nullable = false)
    private String coverageIds;

    @Column(name = "practice_state")
    private String practiceState;

    @Column(name = "year_to_date", nullable = false, precision = 10, scale = 2)
    private BigDecimal yearToDate;

    @Column(name = "ledger_entry_id")
    private UUID ledgerEntryId;

    @Column(name = "earned_at", nullable = false, updatable = false)
    private Instant earnedAt;

    @Column(name = "hold_until")
    private Instant holdUntil;

    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "issued_by")
    private String issuedBy;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "voided_by")
    private String voidedBy;

    @Column(name = "voided_at")
    private Instant voidedAt;

    @Column(name = "void_reason")
    private String voidReason;

    @Column(name = "overridden_by")
    private String overriddenBy;

    @Column(name = "overridden_at")
    private Instant overriddenAt;

    @Column(name = "override_reason")
    private String overrideReason;

    @Column(name = "reversed_after_issue_at")
    private Instant reversedAfterIssueAt;

    @Column(nullable = false)
    private long revision;

    @Version
    private long version;

    protected Reward() {}

    /**
     * A reward as decided: of value (with its ledger entry) when the decision gives an item, else blocked.
     *
     * @param ledgerEntryId the earned ledger entry, for a decision that gives an item; else null
     */
    static Reward decided(
            RewardBasis basis, ComplianceDecision decision, UUID ledgerEntryId, Terms terms, Instant now) {
        Reward reward = new Reward();
        reward.id = UUID.randomUUID();
        reward.referralId = basis.referralId();
        reward.referrerPatientId = basis.referrerPatientId();
        reward.referredPatientId = basis.referredPatientId();
        reward.programKey = basis.programKey();
        reward.ruleId = basis.ruleId();
        reward.requestedItemId = decision.requestedItem().itemId();
        reward.earnedAt = now;
        reward.inputs(basis.inputs(), decision);
        reward.decide(decision, ledgerEntryId, terms, now);
        reward.revision = 1;
        return reward;
    }

    /** The program's terms that set the first status of a reward of value. */
    record Terms(int holdDays, boolean manualApproval) {}

    private void inputs(DecisionInputs inputs, ComplianceDecision decision) {
        referrerPrograms =
                inputs.referrer().programs().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        referredPrograms =
                inputs.referred().programs().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        coverageIds = String.join(",", inputs.coverageIds());
        practiceState = inputs.practiceState().orElse(null);
        yearToDate = inputs.yearToDate();
    }

    private void decide(ComplianceDecision decision, UUID ledgerEntry, Terms terms, Instant now) {
        RewardItem item = decision.allowedItem().orElse(decision.requestedItem());
        itemId = item.itemId();
        itemKind = item.kind();
        retailValue = item.retailValue();
        outcome = decision.outcome();
        ruleIds = join(decision.rules());
        rulesChecked = join(decision.rulesChecked());
        reasons = String.join("\n", decision.reasons());
        ledgerEntryId = ledgerEntry;
        if (decision.allowedItem().isEmpty()) {
            status = RewardStatus.BLOCKED;
            holdUntil = null;
        } else if (terms.holdDays() > 0
                && earnedAt.plus(java.time.Duration.ofDays(terms.holdDays())).isAfter(now)) {
            status = RewardStatus.HELD;
            holdUntil = earnedAt.plus(java.time.Duration.ofDays(terms.holdDays()));
        } else {
            status = terms.manualApproval() ? RewardStatus.AWAITING_APPROVAL : RewardStatus.APPROVED;
            holdUntil = terms.holdDays() > 0 ? earnedAt.plus(java.time.Duration.ofDays(terms.holdDays())) : null;
            if (status == RewardStatus.APPROVED) {
                approvedBy = RewardLifecycle.SYSTEM;
                approvedAt = now;
            }
        }
    }

    /** A held reward whose hold has passed moves on: to approval, or approved when the program needs none. */
    boolean releaseHold(boolean manualApproval, Instant now) {
        if (status != RewardStatus.HELD || holdUntil == null || holdUntil.isAfter(now)) {
            return false;
        }
        status = manualApproval ? RewardStatus.AWAITING_APPROVAL : RewardStatus.APPROVED;
        if (status == RewardStatus.APPROVED) {
            approvedBy = RewardLifecycle.SYSTEM;
            approvedAt = now;
        }
        revision++;
        return true;
    }

    void approve(String by, Instant now) {
        require(RewardStatus.AWAITING_APPROVAL, "approved");
        status = RewardStatus.APPROVED;
        approvedBy = by;
        approvedAt = now;
        revision++;
    }

    void issue(String by, Instant now) {
        require(RewardStatus.APPROVED, "issued");
        status = RewardStatus.ISSUED;
        issuedBy = by;
        issuedAt = now;
        revision++;
    }

    /** Voids a reward not issued yet (held, awaiting approval, approved; blocked ones hold nothing to void). */
    void voidReward(String reason, String by, Instant now) {
        if (status == RewardStatus.ISSUED || status.terminal()) {
            throw new RewardStateConflict(id, status, "voided");
        }
        status = RewardStatus.VOIDED;
        voidedBy = by;
        voidedAt = now;
        voidReason = reason;
        revision++;
    }

    /** An issued reward whose referral was reversed: it stays issued, and the ledger's correction is noted. */
    boolean reversedAfterIssue(Instant now) {
        if (status != RewardStatus.ISSUED || reversedAfterIssueAt != null) {
            return false;
        }
        reversedAfterIssueAt = now;
        revision++;
        return true;
    }

    /** Whether a program admin may override this reward's decision: blocked by the rule on referred beneficiaries. */
    boolean overridable() {
        return status == RewardStatus.BLOCKED && split(ruleIds).contains(ComplianceRule.AKS_REFERRED_BENEFICIARY.id());
    }

    /** The decision again, with a program admin's override; staying blocked when other rules still object. */
    void overridden(ComplianceDecision decision, UUID ledgerEntry, Terms terms, String by, String reason, Instant now) {
        if (!overridable()) {
            throw new RewardStateConflict(
                    id,
                    status,
                    "overridden (only a reward blocked by " + ComplianceRule.AKS_REFERRED_BENEFICIARY.id() + " is)");
        }
        overriddenBy = by;
        overriddenAt = now;
        overrideReason = reason;
        decide(decision, ledgerEntry, terms, now);
        revision++;
    }

    /** The rules that decided it; with {@code OVERRIDE} (a code of the rule CodeSystem) once a program admin overrode it. */
    private List<String> decidingRuleIds() {
        List<String> ids = new java.util.ArrayList<>(split(ruleIds));
        if (overriddenAt != null) {
            ids.add(OVERRIDE);
        }
        return ids;
    }

    /** The rule CodeSystem's code for a program admin's override. */
    static final String OVERRIDE = "OVERRIDE";

    private void require(RewardStatus expected, String action) {
        if (status != expected) {
            throw new RewardStateConflict(id, status, action + " (only a " + expected.code() + " reward is)");
        }
    }

    private static String join(List<ComplianceRule> rules) {
        return rules.stream().map(ComplianceRule::id).collect(Collectors.joining(","));
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    RewardChanged changed(String cause, Instant at) {
        return new RewardChanged(
                id,
                referralId,
                referrerPatientId,
                referredPatientId,
                programKey,
                ruleId,
                itemId,
                RewardKinds.code(itemKind),
                retailValue,
                status,
                ComplianceOutcomes.code(outcome),
                decidingRuleIds(),
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n")),
                cause,
                revision,
                at);
    }

    RewardView view() {
        return new RewardView(
                id,
                referralId,
                referrerPatientId,
                referredPatientId,
                programKey,
                ruleId,
                requestedItemId,
                itemId,
                RewardKinds.code(itemKind),
                retailValue,
                RewardLedgerEntry.USD,
                status.code(),
                ComplianceOutcomes.code(outcome),
                decidingRuleIds(),
                split(rulesChecked),
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n")),
                new RewardView.Inputs(
                        split(referrerPrograms),
                        split(referredPrograms),
                        split(coverageIds),
                        practiceState,
                        yearToDate),
                earnedAt,
                holdUntil,
                approvedBy,
                approvedAt,
                issuedBy,
                issuedAt,
                voidedBy,
                voidedAt,
                voidReason,
                overriddenBy,
                overriddenAt,
                overrideReason,
                reversedAfterIssueAt,
                ledgerEntryId,
                revision);
    }

    UUID id() {
        return id;
    }

    UUID referralId() {
        return referralId;
    }

    String referrerPatientId() {
        return referrerPatientId;
    }

    String referredPatientId() {
        return referredPatientId;
    }

    String programKey() {
        return programKey;
    }

    String ruleId() {
        return ruleId;
    }

    String requestedItemId() {
        return requestedItemId;
    }

    RewardStatus status() {
        return status;
    }

    UUID ledgerEntryId() {
        return ledgerEntryId;
    }

    Instant earnedAt() {
        return earnedAt;
    }

    List<String> referrerPrograms() {
        return split(referrerPrograms);
    }

    List<String> referredPrograms() {
        return split(referredPrograms);
    }

    List<String> coverageIds() {
        return split(coverageIds);
    }

    String practiceState() {
        return practiceState;
    }
}
