package org.referralbridge.server.reward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;

/**
 * One row of the reward ledger. Immutable once made (Hibernate never writes an update for it, there is no setter),
 * and {@link RewardLedgerEntries} can only add rows: a void or a correction is a new entry referring to the earned
 * one.
 */
@Entity
@Immutable
@Table(name = "reward_ledger")
class RewardLedgerEntry {

    /** The compliance engine counts US dollars only. */
    static final String USD = "USD";

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_kind", nullable = false, updatable = false)
    private LedgerEntryKind kind;

    @Column(name = "referral_id", nullable = false, updatable = false)
    private UUID referralId;

    @Column(name = "referrer_patient_id", nullable = false, updatable = false)
    private String referrerPatientId;

    @Column(name = "referred_patient_id", nullable = false, updatable = false)
    private String referredPatientId;

    @Column(name = "program_key", nullable = false, updatable = false)
    private String programKey;

    @Column(name = "reward_rule_id", nullable = false, updatable = false)
    private String rewardRuleId;

    @Column(name = "item_id", nullable = false, updatable = false)
    private String itemId;

    @Enumerated(EnumType.STRING)
    @Column(name = "item_kind", nullable = false, updatable = false)
    private RewardKind itemKind;

    @Column(name = "retail_value", nullable = false, updatable = false, precision = 10, scale = 2)
    private BigDecimal retailValue;

    @Column(name = "currency", nullable = false, updatable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "compliance_outcome", nullable = false, updatable = false)
    private ComplianceOutcome outcome;

    @Column(name = "compliance_rule_ids", nullable = false, updatable = false)
    private String ruleIds;

    @Column(name = "compliance_rules_checked", nullable = false, updatable = false)
    private String rulesChecked;

    @Column(name = "corrects_entry_id", updatable = false)
    private UUID correctsEntryId;

    @Column(name = "reason", updatable = false)
    private String reason;

    /** The unique key's half: the rule id on an earned row, null on the others (see V12). */
    @Column(name = "earned_rule_id", updatable = false)
    private String earnedRuleId;

    /** One void per earned entry: its id on a void, null on the others (see V12). */
    @Column(name = "voided_entry_id", updatable = false)
    private UUID voidedEntryId;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    protected RewardLedgerEntry() {}

    static RewardLedgerEntry earned(EarnedReward reward, Instant recordedAt) {
        RewardLedgerEntry entry = new RewardLedgerEntry();
        entry.kind = LedgerEntryKind.EARNED;
        entry.referralId = reward.referralId();
        entry.referrerPatientId = reward.referrerPatientId();
        entry.referredPatientId = reward.referredPatientId();
        entry.programKey = reward.programKey();
        entry.rewardRuleId = reward.rewardRuleId();
        entry.earnedRuleId = reward.rewardRuleId();
        entry.decided(reward.decision());
        entry.recordedAt = recordedAt;
        entry.recordedBy = reward.recordedBy();
        return entry;
    }

    /** A void of this earned entry: the same item and decision, marked as taken back. */
    RewardLedgerEntry voided(String reason, String by, Instant at) {
        RewardLedgerEntry entry = following(LedgerEntryKind.VOIDED, reason, by, at);
        entry.itemId = itemId;
        entry.itemKind = itemKind;
        entry.retailValue = retailValue;
        entry.currency = currency;
        entry.outcome = outcome;
        entry.ruleIds = ruleIds;
        entry.rulesChecked = rulesChecked;
        entry.voidedEntryId = id;
        return entry;
    }

    /** A correction of this earned entry: from now on the decision's item is what it counts. */
    RewardLedgerEntry corrected(ComplianceDecision decision, String reason, String by, Instant at) {
        RewardLedgerEntry entry = following(LedgerEntryKind.CORRECTION, reason, by, at);
        entry.decided(decision);
        return entry;
    }

    private RewardLedgerEntry following(LedgerEntryKind followingKind, String why, String by, Instant at) {
        if (kind != LedgerEntryKind.EARNED) {
            throw new IllegalStateException("only an earned entry is voided or corrected, not " + kind + " " + id);
        }
        RewardLedgerEntry entry = new RewardLedgerEntry();
        entry.kind = followingKind;
        entry.referralId = referralId;
        entry.referrerPatientId = referrerPatientId;
        entry.referredPatientId = referredPatientId;
        entry.programKey = programKey;
        entry.rewardRuleId = rewardRuleId;
        entry.correctsEntryId = id;
        entry.reason = why;
        entry.recordedAt = at;
        entry.recordedBy = by;
        return entry;
    }

    private void decided(ComplianceDecision decision) {
        RewardItem item = decision.allowedItem()
                .orElseThrow(() -> new IllegalArgumentException(decision.outcome() + " gives no item to record"));
        itemId = item.itemId();
        itemKind = item.kind();
        retailValue = item.retailValue();
        currency = USD;
        outcome = decision.outcome();
        ruleIds = join(decision.rules());
        rulesChecked = join(decision.rulesChecked());
    }

    private static String join(List<ComplianceRule> rules) {
        return String.join(",", rules.stream().map(ComplianceRule::id).toList());
    }

    private static List<String> split(String ids) {
        return ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
    }

    UUID id() {
        return id;
    }

    LedgerEntryKind kind() {
        return kind;
    }

    UUID correctsEntryId() {
        return correctsEntryId;
    }

    BigDecimal retailValue() {
        return retailValue;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    boolean checked(ComplianceRule rule) {
        return split(rulesChecked).contains(rule.id());
    }

    LedgerEntryView view() {
        return new LedgerEntryView(
                id,
                kind,
                referralId,
                referrerPatientId,
                referredPatientId,
                programKey,
                rewardRuleId,
                itemId,
                itemKind,
                retailValue,
                currency,
                outcome,
                split(ruleIds),
                split(rulesChecked),
                correctsEntryId,
                reason,
                recordedAt,
                recordedBy);
    }
}
