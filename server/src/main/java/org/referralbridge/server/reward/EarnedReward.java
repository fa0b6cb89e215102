package org.referralbridge.server.reward;

import java.util.Objects;
import java.util.UUID;
import org.referralbridge.server.compliance.ComplianceDecision;

/**
 * A reward to record as earned: the item the compliance decision allows, for one referral and one reward rule.
 *
 * @param referralId the referral that earned it
 * @param referrerPatientId the referrer's Patient id in the EHR
 * @param referredPatientId the referred patient's Patient id in the EHR
 * @param programKey the program whose rule earned it
 * @param rewardRuleId the program's reward rule, or tier, that earned it; one reward per referral and rule
 * @param decision the compliance decision; it must give an item (allow or reduce), that item is what is recorded
 * @param recordedBy user name or client id, {@code system} for the service's workers
 */
public record EarnedReward(
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String rewardRuleId,
        ComplianceDecision decision,
        String recordedBy) {

    public EarnedReward {
        Objects.requireNonNull(referralId, "referralId");
        Objects.requireNonNull(referrerPatientId, "referrerPatientId");
        Objects.requireNonNull(referredPatientId, "referredPatientId");
        Objects.requireNonNull(programKey, "programKey");
        Objects.requireNonNull(rewardRuleId, "rewardRuleId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(recordedBy, "recordedBy");
        if (decision.allowedItem().isEmpty()) {
            throw new IllegalArgumentException(
                    "a " + decision.outcome() + " decision gives nothing to record for referral " + referralId);
        }
    }
}
