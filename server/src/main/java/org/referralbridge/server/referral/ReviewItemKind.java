package org.referralbridge.server.referral;

/** Why a review item waits for staff; shown to the front desk with each item. */
public enum ReviewItemKind {
    /** The patient named their referrer by demographics only: the candidates are the EHR's Patients that match. */
    REFERRER_NAMED("The patient named a referrer by demographics only: confirm the one they meant, or reject all."),
    /**
     * The referred patient may be the advocate the claim names, under another record: confirm says they are different
     * people (the referral is linked), reject leaves it unmatched, {@code POSSIBLE_DUPLICATE}.
     */
    POSSIBLE_DUPLICATE("The referred patient may be the advocate under another record: confirm that they are different"
            + " people to link the referral, or reject it.");

    private final String description;

    ReviewItemKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
