package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A reward was recorded or changed status: the EHR should show it as a {@code ReferralReward} (Basic), with the
 * staff {@code ReferralRewardTask} its status asks for, and a Provenance naming {@link #cause}. Published in the
 * transaction that made the change, so its write-back commits or rolls back with it.
 *
 * @param rewardId our id of the reward; the Basic's identifier
 * @param itemId the item given (after a reduce, the substitute); for a blocked reward, the item the program would have
 *     given
 * @param itemKind the item's kind as its CodeSystem code ({@code service-credit}, {@code recognition}...)
 * @param retailValue USD
 * @param outcome the compliance decision's code ({@code allow}, {@code reduce}, {@code thank-you-only}, {@code block})
 * @param ruleIds the compliance rules that decided it (for an allow, those checked); codes of the rule CodeSystem
 * @param reasons sentences for staff, without PHI
 * @param cause why this write happens, for the Provenance (e.g. {@code program friends rule first-visit}, {@code
 *     approved by a program admin}); no PHI
 * @param revision grows by one with each change of the reward: a write-back of an older revision never replaces a
 *     newer one
 */
public record RewardChanged(
        UUID rewardId,
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String ruleId,
        String itemId,
        String itemKind,
        BigDecimal retailValue,
        RewardStatus status,
        String outcome,
        List<String> ruleIds,
        List<String> reasons,
        String cause,
        long revision,
        Instant changedAt) {

    public RewardChanged {
        Objects.requireNonNull(rewardId, "rewardId");
        Objects.requireNonNull(status, "status");
        ruleIds = List.copyOf(ruleIds);
        reasons = List.copyOf(reasons);
    }
}
