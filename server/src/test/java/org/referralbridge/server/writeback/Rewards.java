package org.referralbridge.server.writeback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.referralbridge.server.reward.RewardChanged;
import org.referralbridge.server.reward.RewardStatus;

/** Revisions of one reward, as the reward pipeline publishes them, in one line each. */
final class Rewards {

    static final Instant EARNED = Instant.parse("2026-03-20T10:05:00Z");

    private final UUID rewardId = UUID.randomUUID();
    private final UUID referralId = UUID.randomUUID();
    private final String referrer;
    private final String referred;

    Rewards(String referrer, String referred) {
        this.referrer = referrer;
        this.referred = referred;
    }

    UUID rewardId() {
        return rewardId;
    }

    /** An allowed USD 10 service credit. */
    RewardChanged revision(long revision, RewardStatus status) {
        return revision(revision, status, "allow", List.of("OIG-NOMINAL-ITEM-15"), List.of());
    }

    RewardChanged revision(
            long revision, RewardStatus status, String outcome, List<String> rules, List<String> reasons) {
        boolean ofValue = outcome.equals("allow") || outcome.equals("reduce");
        return new RewardChanged(
                rewardId,
                referralId,
                referrer,
                referred,
                "tell-a-friend",
                "first-visit",
                ofValue ? "credit-10" : "thank-you-card",
                ofValue ? "service-credit" : "recognition",
                ofValue ? new BigDecimal("10.00") : BigDecimal.ZERO,
                status,
                outcome,
                rules,
                reasons,
                "program tell-a-friend rule first-visit, revision " + revision,
                revision,
                EARNED.plusSeconds(60 * revision));
    }

    RewardPayload payload(long revision, RewardStatus status) {
        return RewardPayload.of(revision(revision, status), UUID.randomUUID());
    }
}
