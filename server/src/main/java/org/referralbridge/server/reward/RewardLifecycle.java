package org.referralbridge.server.reward;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.mapping.FederalProgram;
import org.referralbridge.server.compliance.BeneficiaryStatus;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceEngine;
import org.referralbridge.server.compliance.ComplianceRequest;
import org.referralbridge.server.compliance.LedgerHistory;
import org.referralbridge.server.compliance.ProgramAdminOverride;
import org.referralbridge.server.program.PracticeProperties;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.program.ProgramView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What staff and time do to a recorded reward: approve, issue, void, override a thank-you-only decision, release a
 * hold, and take back the rewards of a reversed referral. Each change is one transaction with its write-back event;
 * the ledger records voids and corrections as new rows.
 */
@Service
public class RewardLifecycle {

    /** Who the service's own changes are recorded as. */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(RewardLifecycle.class);

    private final Rewards rewards;
    private final RewardLedger ledger;
    private final RewardRecording recording;
    private final ComplianceEngine engine;
    private final ProgramCatalog programs;
    private final PracticeProperties practice;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RewardLifecycle(
            Rewards rewards,
            RewardLedger ledger,
            RewardRecording recording,
            ComplianceEngine engine,
            ProgramCatalog programs,
            PracticeProperties practice,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.rewards = rewards;
        this.ledger = ledger;
        this.recording = recording;
        this.engine = engine;
        this.programs = programs;
        this.practice = practice;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Rewards, newest first, each filter optional. */
    public Page<RewardView> rewards(RewardStatus status, String referrerPatientId, UUID referralId, Pageable page) {
        Specification<Reward> filter = (root, query, cb) -> cb.conjunction();
        if (status != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (referrerPatientId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("referrerPatientId"), referrerPatientId));
        }
        if (referralId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("referralId"), referralId));
        }
        Specification<Reward> wanted = filter;
        return transactions.execute(tx -> rewards.findAll(wanted, page).map(Reward::view));
    }

    /** The rewards of these referrals (any status), read a thousand referrals at a time. */
    public List<RewardView> rewardsOfReferrals(Collection<UUID> referralIds) {
        List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(referralIds));
        List<RewardView> found = new java.util.ArrayList<>();
        for (int start = 0; start < ids.size(); start += 1000) {
            List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + 1000));
            transactions.executeWithoutResult(
                    tx -> rewards.findByReferralIdInOrderByReferralIdAscEarnedAtAscRuleIdAsc(chunk)
                            .forEach(reward -> found.add(reward.view())));
        }
        return found;
    }

    /** @throws RewardNotFound for an unknown id */
    public RewardView reward(UUID id) {
        return transactions.execute(
                tx -> rewards.findById(id).map(Reward::view).orElseThrow(() -> new RewardNotFound(id)));
    }

    /**
     * Whether a program admin may override this reward's decision now (blocked by the rule on referred beneficiaries),
     * so a page offers the override only where {@link #override} would take it.
     *
     * @throws RewardNotFound for an unknown id
     */
    public boolean overridable(UUID id) {
        return Boolean.TRUE.equals(transactions.execute(
                tx -> rewards.findById(id).map(Reward::overridable).orElseThrow(() -> new RewardNotFound(id))));
    }

    /** A program admin approves a reward awaiting approval. */
    public RewardView approve(UUID id, String by) {
        return change(id, reward -> reward.approve(by, clock.instant()), "approved by a program admin");
    }

    /** Staff hand an approved reward to the advocate (or the donation to the charity). */
    public RewardView issue(UUID id, String by) {
        return change(id, reward -> reward.issue(by, clock.instant()), "issued by staff");
    }

    /** A program admin voids a reward not issued yet; the ledger records the void. */
    public RewardView voidReward(UUID id, String reason, String by) {
        checkReason(reason);
        RewardView voided = change(id, reward -> reward.voidReward(reason, by, clock.instant()), "voided by staff");
        voidInLedger(voided, reason, by);
        return voided;
    }

    /**
     * A program admin overrides the thank-you-only decision of a referral of a government-program beneficiary, with a
     * recorded reason: the reward is decided again with the override (other rules, such as the referrer's caps or a
     * state ban, still apply), earned in the ledger when it now gives something, and moves on as its program says.
     */
    public RewardView override(UUID id, String reason, String by) {
        checkReason(reason);
        Reward current = transactions.execute(tx -> rewards.findById(id).orElseThrow(() -> new RewardNotFound(id)));
        if (!current.overridable()) {
            throw new RewardStateConflict(
                    id,
                    current.status(),
                    "overridden (only a reward blocked by "
                            + org.referralbridge.server.compliance.ComplianceRule.AKS_REFERRED_BENEFICIARY.id()
                            + " is)");
        }
        ProgramDocument program = programs.program(current.programKey())
                .map(ProgramView::program)
                .orElseThrow(() -> new RewardStateConflict(id, current.status(), "overridden: its program is gone"));
        ProgramDocument.RewardItem requested = ProgramItems.find(program, current.requestedItemId())
                .orElseThrow(() -> new RewardStateConflict(
                        id, current.status(), "overridden: its item is no longer in the program"));
        LedgerHistory history = ledger.historyFor(
                current.referrerPatientId(),
                Year.of(current.earnedAt().atZone(ZoneOffset.UTC).getYear()));
        ProgramAdminOverride adminOverride = new ProgramAdminOverride(by, reason);
        ComplianceDecision decision = engine.decide(new ComplianceRequest(
                ProgramItems.item(program, requested),
                ProgramItems.of(program),
                status(current.referrerPrograms()),
                status(current.referredPrograms()),
                Optional.ofNullable(current.practiceState()),
                practice.caps(),
                history,
                Optional.of(adminOverride)));
        RewardBasis basis = new RewardBasis(
                current.referralId(),
                current.referrerPatientId(),
                current.referredPatientId(),
                current.programKey(),
                current.ruleId(),
                new DecisionInputs(null, null, current.coverageIds(), Optional.empty(), history.yearToDate()));
        UUID ledgerEntry = recording.earnInLedger(basis, decision);
        return change(
                id,
                reward -> reward.overridden(
                        decision, ledgerEntry, RewardRecording.terms(program), by, reason, clock.instant()),
                "decision overridden by a program admin");
    }

    /** Moves held rewards whose hold has passed on; returns how many moved. */
    public int releaseDueHolds(int max) {
        List<UUID> due = transactions.execute(
                tx -> rewards.findDueHolds(RewardStatus.HELD, clock.instant(), PageRequest.of(0, max)));
        int released = 0;
        for (UUID id : due) {
            Boolean moved = transactions.execute(tx -> rewards.lockById(id)
                    .map(reward -> {
                        boolean manual = programs.program(reward.programKey())
                                .map(view -> Boolean.TRUE.equals(view.program().manualApproval()))
                                .orElse(true);
                        if (!reward.releaseHold(manual, clock.instant())) {
                            return false;
                        }
                        events.publishEvent(reward.changed("hold period passed", clock.instant()));
                        return true;
                    })
                    .orElse(false));
            released += Boolean.TRUE.equals(moved) ? 1 : 0;
        }
        return released;
    }

    /**
     * Takes back the rewards of a reversed referral: each one not issued is voided (the ledger records the void), an
     * issued one stays issued and the ledger records a correction that says so. Running it again changes nothing.
     */
    public List<RewardView> reverse(UUID referralId) {
        List<RewardView> changed = new ArrayList<>();
        List<UUID> ids =
                transactions.execute(tx -> rewards.findByReferralIdOrderByEarnedAtAscRuleIdAsc(referralId).stream()
                        .map(Reward::id)
                        .toList());
        String reason = "the referral's qualifying Encounter was cancelled or entered in error";
        for (UUID id : ids) {
            RewardView after = transactions.execute(tx -> {
                Reward reward = rewards.lockById(id).orElseThrow(() -> new RewardNotFound(id));
                Instant now = clock.instant();
                boolean done;
                if (reward.status() == RewardStatus.ISSUED) {
                    done = reward.reversedAfterIssue(now);
                } else if (!reward.status().terminal()) {
                    reward.voidReward(reason, SYSTEM, now);
                    done = true;
                } else {
                    done = false;
                }
                if (done) {
                    events.publishEvent(reward.changed("referral reversed: " + reason, now));
                }
                return reward.view();
            });
            if (after.ledgerEntryId() != null) {
                if ("voided".equals(after.status())) {
                    voidInLedger(after, reason, SYSTEM);
                } else if ("issued".equals(after.status())) {
                    correctInLedger(after, reason);
                }
            }
            changed.add(after);
        }
        if (!ids.isEmpty()) {
            log.info("Rewards of reversed referral {} taken back ({} reward(s))", referralId, ids.size());
        }
        return changed;
    }

    private void voidInLedger(RewardView reward, String reason, String by) {
        if (reward.ledgerEntryId() != null) {
            ledger.voidEntry(reward.ledgerEntryId(), reason, by);
        }
    }

    /** Records, once, that an issued reward's referral was reversed: same item, so the caps still count it. */
    private void correctInLedger(RewardView reward, String reason) {
        String note = "reversed after issue: " + reason;
        boolean recorded = ledger.entriesFor(reward.referralId()).stream()
                .anyMatch(entry -> entry.kind() == LedgerEntryKind.CORRECTION
                        && reward.ledgerEntryId().equals(entry.correctsEntryId())
                        && note.equals(entry.reason()));
        if (recorded) {
            return;
        }
        LedgerEntryView earned = ledger.entriesFor(reward.referralId()).stream()
                .filter(entry -> entry.id().equals(reward.ledgerEntryId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ledger entry " + reward.ledgerEntryId() + " is gone"));
        ledger.correct(earned.id(), sameItem(earned), note, SYSTEM);
    }

    private static ComplianceDecision sameItem(LedgerEntryView earned) {
        org.referralbridge.server.compliance.RewardItem item = new org.referralbridge.server.compliance.RewardItem(
                earned.programKey(), earned.itemId(), earned.itemKind(), earned.retailValue());
        List<org.referralbridge.server.compliance.ComplianceRule> rules = earned.ruleIds().stream()
                .map(org.referralbridge.server.compliance.ComplianceRule::ofId)
                .flatMap(Optional::stream)
                .toList();
        List<org.referralbridge.server.compliance.ComplianceRule> checked = earned.rulesChecked().stream()
                .map(org.referralbridge.server.compliance.ComplianceRule::ofId)
                .flatMap(Optional::stream)
                .toList();
        return new ComplianceDecision(
                item,
                earned.outcome(),
                Optional.of(item),
                rules.isEmpty() && earned.outcome() != org.referralbridge.server.compliance.ComplianceOutcome.ALLOW
                        ? checked
                        : rules,
                checked,
                List.of("The item stays as issued; its referral was reversed after issue."),
                Optional.empty());
    }

    private RewardView change(UUID id, java.util.function.Consumer<Reward> action, String cause) {
        return transactions.execute(tx -> {
            Reward reward = rewards.lockById(id).orElseThrow(() -> new RewardNotFound(id));
            action.accept(reward);
            events.publishEvent(reward.changed(cause, clock.instant()));
            log.info("Reward {} is now {} ({})", id, reward.status().code(), cause);
            return reward.view();
        });
    }

    private static BeneficiaryStatus status(List<String> programs) {
        EnumSet<FederalProgram> set = EnumSet.noneOf(FederalProgram.class);
        programs.forEach(name -> set.add(FederalProgram.valueOf(name)));
        return new BeneficiaryStatus(set);
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidRewardReason();
        }
    }

    /** A void or override without a reason, or with one over 500 characters: a 400. */
    public static class InvalidRewardReason extends RuntimeException {
        InvalidRewardReason() {
            super("a reason of 1 to 500 characters is required");
        }
    }
}
