package org.referralbridge.server.consent;

/** Where a consent row came from. */
enum ConsentSource {
    /** A Consent resource read from the EHR. */
    EHR,
    /** The front desk, through the API (then written to the EHR). */
    API
}
