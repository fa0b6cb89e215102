package org.referralbridge.server.reward;

import java.util.Objects;
import java.util.UUID;

/**
 * What a reward is for: one referral, under one program rule or tier, with the inputs its compliance decision read.
 *
 * @param ruleId the program's reward rule id, or {@code tier-<threshold>}
 */
record RewardBasis(
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String ruleId,
        DecisionInputs inputs) {

    RewardBasis {
        Objects.requireNonNull(referralId, "referralId");
        Objects.requireNonNull(referrerPatientId, "referrerPatientId");
        Objects.requireNonNull(referredPatientId, "referredPatientId");
        Objects.requireNonNull(programKey, "programKey");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(inputs, "inputs");
    }
}
