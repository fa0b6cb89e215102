package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.LedgerHistory;

/**
 * Folds one referrer's entries of a year into what the compliance caps count: each earned reward at the value of its
 * latest correction (else its own), nothing once voided, whatever order the rows came in.
 */
final class YearToDate {

    /**
     * Yearly caps that count only rewards earned while they applied: Texas counts what a Medicaid beneficiary
     * received, not what the same patient got before their Medicaid coverage began. The other caps count every
     * reward of the year, the stricter reading.
     */
    private static final Set<ComplianceRule> COUNTING_ONLY_WHERE_APPLIED = Set.of(ComplianceRule.TX_MEDICAID_10_25);

    private YearToDate() {}

    static LedgerHistory of(List<RewardLedgerEntry> entries) {
        Map<UUID, RewardLedgerEntry> counted = new LinkedHashMap<>();
        entries.stream()
                .filter(entry -> entry.kind() == LedgerEntryKind.EARNED)
                .forEach(entry -> counted.put(entry.id(), entry));
        // entries come ordered by time: a later correction replaces an earlier one
        entries.stream()
                .filter(entry -> entry.kind() == LedgerEntryKind.CORRECTION)
                .filter(entry -> counted.containsKey(entry.correctsEntryId()))
                .forEach(entry -> counted.put(entry.correctsEntryId(), entry));
        entries.stream()
                .filter(entry -> entry.kind() == LedgerEntryKind.VOIDED)
                .forEach(entry -> counted.remove(entry.correctsEntryId()));
        BigDecimal total = sum(
                counted.values().stream().map(RewardLedgerEntry::retailValue).toList());
        Map<ComplianceRule, BigDecimal> byRule = new EnumMap<>(ComplianceRule.class);
        for (ComplianceRule rule : COUNTING_ONLY_WHERE_APPLIED) {
            byRule.put(
                    rule,
                    sum(counted.values().stream()
                            .filter(entry -> entry.checked(rule))
                            .map(RewardLedgerEntry::retailValue)
                            .toList()));
        }
        return new LedgerHistory(total, byRule);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
