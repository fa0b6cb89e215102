package org.referralbridge.server.reward;

import java.util.UUID;

/** A reward cannot be changed so in the status it is in (e.g. approving an issued one): a 409 for the API. */
public class RewardStateConflict extends RuntimeException {

    RewardStateConflict(UUID rewardId, RewardStatus status, String action) {
        super("reward " + rewardId + " is " + status.code() + " and cannot be " + action);
    }
}
