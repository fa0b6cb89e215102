package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Caps a practice sets for itself, for every referrer whatever their coverage; they only ever make a decision
 * stricter.
 *
 * @param perItem highest retail value of one reward item, USD
 * @param perYear highest retail value rewarded to one referrer in a calendar year across all programs, USD
 */
public record PracticeCaps(Optional<BigDecimal> perItem, Optional<BigDecimal> perYear) {

    public PracticeCaps {
        perItem = Objects.requireNonNullElse(perItem, Optional.empty());
        perYear = Objects.requireNonNullElse(perYear, Optional.empty());
        perItem.ifPresent(cap -> requireNotNegative(cap, "perItem"));
        perYear.ifPresent(cap -> requireNotNegative(cap, "perYear"));
    }

    public static PracticeCaps none() {
        return new PracticeCaps(Optional.empty(), Optional.empty());
    }

    private static void requireNotNegative(BigDecimal cap, String name) {
        if (cap.signum() < 0) {
            throw new IllegalArgumentException("practice cap " + name + " is negative");
        }
    }
}
