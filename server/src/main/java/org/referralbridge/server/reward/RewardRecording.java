package org.referralbridge.server.reward;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceEngine;
import org.referralbridge.server.compliance.ComplianceRequest;
import org.referralbridge.server.compliance.LedgerHistory;
import org.referralbridge.server.program.PracticeProperties;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.program.ProgramPeriods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Records what a settled referral earns under its program: the items of its reward rules, or in a tiered program the
 * item of the tier it reaches; each decided by the compliance engine, earned in the ledger when the decision gives
 * something of value, and kept as a reward staff act on. The caller holds the advocate's lock (see
 * {@code ReferralSettlement.recordRewards}), so two referrals of one referrer are never decided at once and the
 * yearly caps see each other's rewards; recording again changes nothing.
 */
@Service
public class RewardRecording {

    private static final Logger log = LoggerFactory.getLogger(RewardRecording.class);

    /** Statuses of a reward that counts: what the program gave or still will. */
    static final Set<RewardStatus> OF_VALUE =
            EnumSet.of(RewardStatus.HELD, RewardStatus.AWAITING_APPROVAL, RewardStatus.APPROVED, RewardStatus.ISSUED);

    private final Rewards rewards;
    private final RewardLedger ledger;
    private final ComplianceEngine engine;
    private final PracticeProperties practice;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RewardRecording(
            Rewards rewards,
            RewardLedger ledger,
            ComplianceEngine engine,
            PracticeProperties practice,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rewards = rewards;
        this.ledger = ledger;
        this.engine = engine;
        this.practice = practice;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A referral settled as a success of its advocate.
     *
     * @param countedAt when it was counted; tiers count the advocate's successes up to it
     */
    public record SettledReferral(
            UUID referralId,
            UUID advocateId,
            String advocatePatientId,
            String advocateCode,
            Instant advocateEnrolledAt,
            String referredPatientId,
            Instant countedAt) {}

    /** The advocate's successful referrals counted from {@code from} up to the referral's own count, included. */
    @FunctionalInterface
    public interface SuccessCounts {
        long since(Instant from);
    }

    /**
     * Whether the referrer already has the most rewards of value the program allows in the period containing {@code
     * at}.
     */
    public boolean limitReached(String referrerPatientId, ProgramDocument program, Instant at) {
        ProgramDocument.Limits limits = program.limits();
        if (limits == null || limits.maxRewards() == null) {
            return false;
        }
        Instant from = ProgramPeriods.start(limits.period(), program, at);
        return rewards.countOf(referrerPatientId, program.key(), from, OF_VALUE) >= limits.maxRewards();
    }

    /**
     * Records the rewards the referral earns; rules it already earned are left as they are.
     *
     * @param inputs the coverage facts and state the decisions read (the year-to-date is read here, per item)
     */
    public List<RewardView> record(
            SettledReferral referral, ProgramDocument program, DecisionInputs inputs, SuccessCounts counts) {
        List<RewardView> recorded = new ArrayList<>();
        for (Earned earned : earned(referral, program, counts)) {
            if (rewards.existsByReferralIdAndRuleId(referral.referralId(), earned.ruleId())) {
                continue;
            }
            Reward reward = decide(referral, program, inputs, earned);
            recorded.add(reward.view());
            earned.tier()
                    .ifPresent(tier -> events.publishEvent(new AdvocateTierReached(
                            referral.advocateId(),
                            referral.advocatePatientId(),
                            referral.advocateCode(),
                            referral.advocateEnrolledAt(),
                            (int) tier.successes(),
                            program.key() + " tier " + tier.threshold())));
        }
        if (recorded.isEmpty()) {
            log.info("Referral {} earns nothing more under program {}", referral.referralId(), program.key());
        }
        return recorded;
    }

    private Reward decide(SettledReferral referral, ProgramDocument program, DecisionInputs inputs, Earned earned) {
        Instant now = clock.instant();
        LedgerHistory history = ledger.historyFor(
                referral.advocatePatientId(),
                Year.of(referral.countedAt().atZone(ZoneOffset.UTC).getYear()));
        ComplianceDecision decision = engine.decide(new ComplianceRequest(
                ProgramItems.item(program, earned.item()),
                ProgramItems.of(program),
                inputs.referrer(),
                inputs.referred(),
                inputs.practiceState(),
                practice.caps(),
                history,
                Optional.empty()));
        RewardBasis basis = new RewardBasis(
                referral.referralId(),
                referral.advocatePatientId(),
                referral.referredPatientId(),
                program.key(),
                earned.ruleId(),
                inputs.withYearToDate(history.yearToDate()));
        UUID ledgerEntry = earnInLedger(basis, decision);
        Reward reward = rewards.save(Reward.decided(basis, decision, ledgerEntry, terms(program), now));
        events.publishEvent(reward.changed("program " + program.key() + " rule " + earned.ruleId(), now));
        log.info(
                "Referral {} earned under rule {} of program {}: {} ({})",
                referral.referralId(),
                earned.ruleId(),
                program.key(),
                reward.status().code(),
                decision.ruleIds());
        return reward;
    }

    /** The ledger entry of a decision that gives an item: earned now, or by an earlier attempt. */
    UUID earnInLedger(RewardBasis basis, ComplianceDecision decision) {
        if (decision.allowedItem().isEmpty()) {
            return null;
        }
        return ledger.earn(new EarnedReward(
                        basis.referralId(),
                        basis.referrerPatientId(),
                        basis.referredPatientId(),
                        basis.programKey(),
                        basis.ruleId(),
                        decision,
                        RewardLifecycle.SYSTEM))
                .map(LedgerEntryView::id)
                .orElseGet(() -> ledger.entriesFor(basis.referralId()).stream()
                        .filter(entry -> entry.kind() == LedgerEntryKind.EARNED)
                        .filter(entry -> entry.rewardRuleId().equals(basis.ruleId()))
                        .map(LedgerEntryView::id)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "referral " + basis.referralId() + " earned rule " + basis.ruleId() + " twice")));
    }

    static Reward.Terms terms(ProgramDocument program) {
        return new Reward.Terms(
                program.holdDays() == null ? 0 : program.holdDays(), Boolean.TRUE.equals(program.manualApproval()));
    }

    /**
     * What the referral earns: in a tiered program, the item of each tier whose threshold its advocate's successes in
     * the tier's period reach exactly with it (and that the advocate has not earned in that period already); else
     * the first item of each reward rule.
     */
    private List<Earned> earned(SettledReferral referral, ProgramDocument program, SuccessCounts counts) {
        List<Earned> earned = new ArrayList<>();
        if (program.tiers().isEmpty()) {
            for (ProgramDocument.RewardRule rule : program.rewards()) {
                if (!rule.items().isEmpty()) {
                    earned.add(new Earned(rule.id(), rule.items().get(0), Optional.empty()));
                }
            }
            return earned;
        }
        for (ProgramDocument.Tier tier : program.tiers()) {
            Instant from = ProgramPeriods.start(tier.period(), program, referral.countedAt());
            long successes = counts.since(from);
            String ruleId = "tier-" + tier.threshold();
            if (successes == tier.threshold()
                    && !rewards.earnedSince(
                            referral.advocatePatientId(), program.key(), ruleId, from, OF_VALUE_OR_BLOCKED)) {
                ProgramItems.find(program, tier.item())
                        .ifPresent(item -> earned.add(
                                new Earned(ruleId, item, Optional.of(new TierReached(tier.threshold(), successes)))));
            }
        }
        return earned;
    }

    /** A tier reward blocked by compliance was still the tier's reward: it is not earned again in the period. */
    private static final Set<RewardStatus> OF_VALUE_OR_BLOCKED = EnumSet.of(
            RewardStatus.HELD,
            RewardStatus.AWAITING_APPROVAL,
            RewardStatus.APPROVED,
            RewardStatus.ISSUED,
            RewardStatus.BLOCKED);

    private record Earned(String ruleId, ProgramDocument.RewardItem item, Optional<TierReached> tier) {}

    private record TierReached(int threshold, long successes) {}
}
