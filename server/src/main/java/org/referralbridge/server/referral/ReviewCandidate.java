package org.referralbridge.server.referral;

import java.util.Objects;

/**
 * A Patient of the EHR that may be the referrer a new patient named by demographics only.
 *
 * @param patientId the candidate's Patient id in the EHR
 * @param score how well the candidate matches what the patient said, 0 to 100 (the ingest module's scoring)
 */
public record ReviewCandidate(String patientId, int score) {

    public ReviewCandidate {
        Objects.requireNonNull(patientId, "patientId");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a candidate's score is from 0 to 100, not " + score);
        }
    }
}
