package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the ledger says the referrer already received in the calendar year of the decision, in retail value (USD).
 *
 * @param yearToDate retail value rewarded to the referrer this calendar year, across all programs
 * @param yearToDateByRule where a yearly cap counts a different sum (e.g. only what was rewarded while the referrer
 *     was a Texas Medicaid beneficiary), that sum for the cap's rule; a rule not in the map counts {@code yearToDate}
 */
public record LedgerHistory(BigDecimal yearToDate, Map<ComplianceRule, BigDecimal> yearToDateByRule) {

    public LedgerHistory {
        Objects.requireNonNull(yearToDate, "yearToDate");
        if (yearToDate.signum() < 0) {
            throw new IllegalArgumentException("yearToDate is negative");
        }
        if (yearToDateByRule != null && yearToDateByRule.values().stream().anyMatch(sum -> sum.signum() < 0)) {
            throw new IllegalArgumentException("a yearToDate by rule is negative");
        }
        yearToDateByRule = yearToDateByRule == null || yearToDateByRule.isEmpty()
                ? Map.of()
                : Map.copyOf(new EnumMap<>(yearToDateByRule));
    }

    /** Nothing rewarded yet this year. */
    public static LedgerHistory none() {
        return of(BigDecimal.ZERO);
    }

    public static LedgerHistory of(BigDecimal yearToDate) {
        return new LedgerHistory(yearToDate, Map.of());
    }

    /** The sum the yearly cap of {@code rule} counts. */
    public BigDecimal yearToDate(ComplianceRule rule) {
        return yearToDateByRule.getOrDefault(rule, yearToDate);
    }
}
