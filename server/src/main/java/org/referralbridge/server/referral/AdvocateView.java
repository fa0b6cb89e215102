package org.referralbridge.server.referral;

import java.time.Instant;

/**
 * An advocate as the API shows it: the patient's EHR id, their referral code and how many of the patients they
 * referred were successful (a first finished Encounter, until the rewards rules define "qualified"); no demographics.
 */
public record AdvocateView(String referralCode, String patientId, Instant enrolledAt, int successfulReferrals) {

    static AdvocateView of(Advocate advocate) {
        return new AdvocateView(
                advocate.code().display(), advocate.patientId(), advocate.enrolledAt(), advocate.successfulReferrals());
    }
}
