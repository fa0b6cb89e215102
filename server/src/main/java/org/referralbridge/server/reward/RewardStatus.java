package org.referralbridge.server.reward;

import java.util.Locale;

/**
 * Where a reward stands: {@code earned → held → awaiting-approval → approved → issued}, or {@code voided}, or
 * {@code blocked}. The codes are those of the package's {@code referral-reward-status} CodeSystem.
 */
public enum RewardStatus {
    /** The referral qualified and a program rule owes this reward; nothing else decided yet. */
    EARNED,
    /** Earned, waiting for the program's hold period to pass. */
    HELD,
    /** The program asks a program admin to approve each reward before it is issued. */
    AWAITING_APPROVAL,
    /** Approved (by a program admin, or because the program needs no approval) and waiting to be issued. */
    APPROVED,
    /** Handed to the advocate (or given to the charity). A later reversal records a correction, never a deletion. */
    ISSUED,
    /** Cancelled before it was issued (reversed referral, or staff). */
    VOIDED,
    /** The compliance decision allows nothing of value (thank-you only, or a state ban). */
    BLOCKED;

    /** The CodeSystem's code, e.g. {@code awaiting-approval}; also the API's {@code ?status=} value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether nothing further can happen to a reward in this status (voided, blocked), except a correction. */
    public boolean terminal() {
        return this == VOIDED || this == BLOCKED;
    }
}
