package org.referralbridge.server.referral;

/** What makes a referred patient look like their referrer under another record; shown to staff, no PHI. */
public enum DuplicateSignal {
    /** The same family name and the same birth date. */
    FAMILY_NAME_AND_BIRTH_DATE,
    /** The same phone number. */
    PHONE,
    /** The same email address. */
    EMAIL
}
