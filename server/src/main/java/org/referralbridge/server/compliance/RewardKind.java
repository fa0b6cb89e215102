package org.referralbridge.server.compliance;

/** What a reward item is, as far as the law cares: the rules treat cash, value in kind and recognition differently. */
public enum RewardKind {
    CASH,
    /** Gift cards usable anywhere, prepaid cards, PayPal- or Venmo-style transfers: money in all but name. */
    CASH_EQUIVALENT,
    IN_KIND,
    SERVICE_CREDIT,
    /** A donation to a charity the referrer picks. */
    DONATION,
    /** Public thanks, a seminar seat, early access: nothing of retail value (always 0). */
    RECOGNITION;

    boolean cashOrEquivalent() {
        return this == CASH || this == CASH_EQUIVALENT;
    }
}
