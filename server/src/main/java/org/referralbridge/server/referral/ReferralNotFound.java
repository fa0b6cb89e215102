package org.referralbridge.server.referral;

import java.util.UUID;

/** No referral has this id. */
public class ReferralNotFound extends RuntimeException {

    ReferralNotFound(UUID id) {
        super("No referral " + id);
    }
}
