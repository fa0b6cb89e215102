package org.referralbridge.server.referral;

import java.time.Instant;

/** An advocate as the API shows it: the patient's EHR id and their referral code, no demographics. */
public record AdvocateView(String referralCode, String patientId, Instant enrolledAt) {

    static AdvocateView of(Advocate advocate) {
        return new AdvocateView(advocate.code().display(), advocate.patientId(), advocate.enrolledAt());
    }
}
