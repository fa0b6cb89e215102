package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One reward a program can give.
 *
 * @param programId id of the program the item belongs to
 * @param itemId id of the item inside its program
 * @param kind what the item is
 * @param retailValue retail value in USD, what the caps count (never the practice's cost); 0 for recognition
 */
public record RewardItem(String programId, String itemId, RewardKind kind, BigDecimal retailValue) {

    public RewardItem {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retailValue, "retailValue");
        if (retailValue.signum() < 0) {
            throw new IllegalArgumentException("retailValue of item " + itemId + " is negative");
        }
        if (kind == RewardKind.RECOGNITION && retailValue.signum() != 0) {
            throw new IllegalArgumentException("recognition item " + itemId + " has a retail value; it must be 0");
        }
    }

    /** A recognition item: no retail value, always allowed. */
    public static RewardItem recognition(String programId, String itemId) {
        return new RewardItem(programId, itemId, RewardKind.RECOGNITION, BigDecimal.ZERO);
    }

    /** Whether the law sees anything of value in it; only recognition is not. */
    public boolean ofValue() {
        return kind != RewardKind.RECOGNITION;
    }

    /** Item id, kind and value, for reasons staff read (no PHI in an item). */
    String describe() {
        return "item " + itemId + " (" + kind + ", " + Usd.format(retailValue) + ")";
    }
}
