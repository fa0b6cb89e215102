package org.referralbridge.server.referral;

import java.util.Set;

/**
 * Who gets the credit for a claim: the status it gives the referral, the advocate when it links one (or when staff
 * must first say that the referred patient is not that advocate under another record), the reason when it cannot.
 *
 * @param duplicateSignals what makes the referred patient look like {@code advocate}; empty unless a possible duplicate
 */
record Attribution(
        ReferralStatus status, Advocate advocate, UnmatchedReason reason, Set<DuplicateSignal> duplicateSignals) {

    static final Attribution CHANNEL_ONLY = new Attribution(ReferralStatus.CHANNEL_ONLY, null, null);
    static final Attribution IN_REVIEW = new Attribution(ReferralStatus.IN_REVIEW, null, null);

    Attribution {
        duplicateSignals = duplicateSignals == null ? Set.of() : Set.copyOf(duplicateSignals);
    }

    Attribution(ReferralStatus status, Advocate advocate, UnmatchedReason reason) {
        this(status, advocate, reason, Set.of());
    }

    static Attribution unmatched(UnmatchedReason reason) {
        return new Attribution(ReferralStatus.UNMATCHED, null, reason);
    }

    /** The referred patient may be {@code advocate} under another record: staff decide (a review item). */
    static Attribution possibleDuplicate(Advocate advocate, Set<DuplicateSignal> signals) {
        return new Attribution(ReferralStatus.IN_REVIEW, advocate, null, signals);
    }

    boolean possibleDuplicate() {
        return status == ReferralStatus.IN_REVIEW && advocate != null;
    }

    /** Whether this settles the claim (linked, or for staff to decide on the advocate it names): no later path is tried. */
    boolean decided() {
        return status == ReferralStatus.LINKED || possibleDuplicate();
    }
}
