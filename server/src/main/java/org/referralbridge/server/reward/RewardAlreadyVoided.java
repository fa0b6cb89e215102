package org.referralbridge.server.reward;

import java.util.UUID;

/** The earned entry was voided: it can no longer be corrected. */
public class RewardAlreadyVoided extends RuntimeException {

    private final UUID entryId;

    RewardAlreadyVoided(UUID entryId) {
        super("reward ledger entry " + entryId + " is voided");
        this.entryId = entryId;
    }

    public UUID entryId() {
        return entryId;
    }
}
