package org.referralbridge.server.reward;

import java.util.UUID;

/** No earned ledger entry has this id. */
public class LedgerEntryNotFound extends RuntimeException {

    private final UUID entryId;

    LedgerEntryNotFound(UUID entryId) {
        super("no earned reward ledger entry " + entryId);
        this.entryId = entryId;
    }

    public UUID entryId() {
        return entryId;
    }
}
