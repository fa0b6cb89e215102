package org.referralbridge.server.referral;

import java.util.UUID;

public class ReviewItemNotFound extends RuntimeException {

    ReviewItemNotFound(UUID id) {
        super("No review item " + id);
    }
}
