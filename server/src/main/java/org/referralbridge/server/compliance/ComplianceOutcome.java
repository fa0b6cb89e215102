package org.referralbridge.server.compliance;

/** What happens to a reward, from least to most strict. */
public enum ComplianceOutcome {
    /** The item may be given as the program defines it. */
    ALLOW,
    /** A smaller item of the same program may be given instead. */
    REDUCE,
    /** Nothing of value: the referrer gets a thank-you (a recognition item, if the program wants, is still fine). */
    THANK_YOU_ONLY,
    /** The law in the practice's state bans the reward; nothing of value, and staff should see why. */
    BLOCK;

    boolean stricterThan(ComplianceOutcome other) {
        return compareTo(other) > 0;
    }
}
