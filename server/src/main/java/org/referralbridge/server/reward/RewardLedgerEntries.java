package org.referralbridge.server.reward;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The reward ledger. Append-only by construction: this repository offers saving a new entry and queries, nothing that
 * updates or deletes (it extends the bare {@link Repository}, not {@code CrudRepository}), and {@link
 * RewardLedgerEntry} is immutable.
 */
interface RewardLedgerEntries extends Repository<RewardLedgerEntry, UUID> {

    /** Inserts the entry at once, so that a unique constraint refuses it here rather than at commit. */
    RewardLedgerEntry saveAndFlush(RewardLedgerEntry entry);

    Optional<RewardLedgerEntry> findById(UUID id);

    boolean existsByReferralIdAndEarnedRuleId(UUID referralId, String earnedRuleId);

    boolean existsByVoidedEntryId(UUID voidedEntryId);

    List<RewardLedgerEntry> findByReferralIdOrderByRecordedAtAscIdAsc(UUID referralId);

    /**
     * The referrer's entries earned in {@code [from, to)} with their voids and corrections, whenever those were
     * recorded: a reward counts in the year it was earned.
     */
    @Query("select e from RewardLedgerEntry e where e.referrerPatientId = :referrer and ("
            + "(e.kind = org.referralbridge.server.reward.LedgerEntryKind.EARNED"
            + " and e.recordedAt >= :from and e.recordedAt < :to)"
            + " or e.correctsEntryId in (select o.id from RewardLedgerEntry o where o.referrerPatientId = :referrer"
            + " and o.kind = org.referralbridge.server.reward.LedgerEntryKind.EARNED"
            + " and o.recordedAt >= :from and o.recordedAt < :to))"
            + " order by e.recordedAt, e.id")
    List<RewardLedgerEntry> earnedBetween(String referrer, Instant from, Instant to);
}
