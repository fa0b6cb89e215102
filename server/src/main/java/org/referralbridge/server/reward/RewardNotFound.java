package org.referralbridge.server.reward;

import java.util.UUID;

/** No reward has this id: a 404 for the API. */
public class RewardNotFound extends RuntimeException {

    RewardNotFound(UUID rewardId) {
        super("no reward has id " + rewardId);
    }
}
