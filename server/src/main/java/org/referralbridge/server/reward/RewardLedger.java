package org.referralbridge.server.reward;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.LedgerHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reward ledger's API: records earned rewards, voids and corrections as new rows, and sums a referrer's year for
 * the compliance caps. Each write runs in a transaction of its own, so that a refused duplicate never spoils the
 * caller's transaction and a recorded reward stays recorded whatever the caller does next.
 *
 * <p>The database, not this class, makes a second reward for the same referral and rule impossible (V12's unique
 * constraint): two instances racing both insert, one commits, the other's insert is refused and answers empty.
 */
@Service
public class RewardLedger {

    private static final Logger log = LoggerFactory.getLogger(RewardLedger.class);

    private static final int MAX_REASON = 500;

    private final RewardLedgerEntries entries;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    RewardLedger(RewardLedgerEntries entries, PlatformTransactionManager transactions, Clock clock) {
        this.entries = entries;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * Records the reward as earned, unless this referral already earned under this rule (then empty: a repeated
     * notification or a racing instance, not an error).
     */
    public Optional<LedgerEntryView> earn(EarnedReward reward) {
        Objects.requireNonNull(reward, "reward");
        if (alreadyEarned(reward)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ownTransaction.execute(
                    status -> entries.saveAndFlush(RewardLedgerEntry.earned(reward, clock.instant()))
                            .view()));
        } catch (DataIntegrityViolationException refused) {
            if (alreadyEarned(reward)) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /**
     * Takes an earned reward back with a new row; empty when it was voided already.
     *
     * @throws LedgerEntryNotFound when no earned entry has this id
     */
    public Optional<LedgerEntryView> voidEntry(UUID earnedEntryId, String reason, String recordedBy) {
        checkReason(reason);
        Objects.requireNonNull(recordedBy, "recordedBy");
        try {
            return ownTransaction.execute(status -> {
                RewardLedgerEntry earned = earned(earnedEntryId);
                if (entries.existsByVoidedEntryId(earnedEntryId)) {
                    return Optional.empty();
                }
                return Optional.of(entries.saveAndFlush(earned.voided(reason, recordedBy, clock.instant()))
                        .view());
            });
        } catch (DataIntegrityViolationException refused) {
            if (readOnly.execute(status -> entries.existsByVoidedEntryId(earnedEntryId))) {
                log.info("Reward ledger entry {} was voided at the same time by another worker", earnedEntryId);
                return Optional.empty();
            }
            throw refused;
        }
    }

    /**
     * Replaces the item an earned reward counts with the decision's item, with a new row; the latest correction wins.
     * The decision must give an item (allow or reduce): a reward that may no longer give anything is voided instead.
     *
     * @throws LedgerEntryNotFound when no earned entry has this id
     * @throws RewardAlreadyVoided when the entry was voided
     */
    public LedgerEntryView correct(UUID earnedEntryId, ComplianceDecision decision, String reason, String recordedBy) {
        Objects.requireNonNull(decision, "decision");
        checkReason(reason);
        Objects.requireNonNull(recordedBy, "recordedBy");
        return ownTransaction.execute(status -> {
            RewardLedgerEntry earned = earned(earnedEntryId);
            if (entries.existsByVoidedEntryId(earnedEntryId)) {
                throw new RewardAlreadyVoided(earnedEntryId);
            }
            return entries.saveAndFlush(earned.corrected(decision, reason, recordedBy, clock.instant()))
                    .view();
        });
    }

    /**
     * What the referrer earned in the calendar year (UTC) and still counts, across all programs: the compliance
     * engine's input. A reward counts in the year it was earned, also when it is corrected later.
     */
    public LedgerHistory historyFor(String referrerPatientId, Year year) {
        Instant from = year.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = year.plusYears(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return readOnly.execute(status -> YearToDate.of(entries.earnedBetween(referrerPatientId, from, to)));
    }

    /** Every entry of the referral, oldest first. */
    public List<LedgerEntryView> entriesFor(UUID referralId) {
        return readOnly.execute(status -> entries.findByReferralIdOrderByRecordedAtAscIdAsc(referralId).stream()
                .map(RewardLedgerEntry::view)
                .toList());
    }

    /** Staff's reason is kept with the row (V12: at most 500 characters); it must say something. */
    private static void checkReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason needs 1 to " + MAX_REASON + " characters");
        }
    }

    private boolean alreadyEarned(EarnedReward reward) {
        boolean earned = readOnly.execute(
                status -> entries.existsByReferralIdAndEarnedRuleId(reward.referralId(), reward.rewardRuleId()));
        if (earned) {
            log.info(
                    "Referral {} already earned under rule {} of program {}: not recorded again",
                    reward.referralId(),
                    reward.rewardRuleId(),
                    reward.programKey());
        }
        return earned;
    }

    private RewardLedgerEntry earned(UUID entryId) {
        return entries.findById(entryId)
                .filter(entry -> entry.kind() == LedgerEntryKind.EARNED)
                .orElseThrow(() -> new LedgerEntryNotFound(entryId));
    }
}
