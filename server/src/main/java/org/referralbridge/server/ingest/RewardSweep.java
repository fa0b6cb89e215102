package org.referralbridge.server.ingest;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code referralbridge.rewards.sweep-interval} (default 30 s): settles qualified referrals a worker left
 * unsettled (it crashed, the EHR was away) and moves held rewards whose hold has passed on. Safe on several
 * instances at once: each step locks what it changes.
 */
@Component
class RewardSweep {

    private static final int BATCH = 100;

    private final Settlements settlements;

    RewardSweep(Settlements settlements) {
        this.settlements = settlements;
    }

    @Scheduled(
            initialDelayString = "${referralbridge.rewards.sweep-interval:30s}",
            fixedDelayString = "${referralbridge.rewards.sweep-interval:30s}")
    void sweep() {
        settlements.sweep(BATCH);
    }
}
