package org.referralbridge.server.writeback;

import java.util.UUID;

/** What to write onto a referred Patient: the reference to the advocate who referred them. */
record ReferrerPayload(UUID referralId, String referrerReference, UUID writeId) implements WritePayload {

    @Override
    public void requireComplete() {
        WritePayload.require(referralId, "referralId");
        WritePayload.require(referrerReference, "referrerReference");
    }
}
