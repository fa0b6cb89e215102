package org.referralbridge.server.referral;

import java.util.UUID;

/** A review item that is no longer open cannot be decided again. */
public class ReviewItemDecided extends RuntimeException {

    ReviewItemDecided(UUID id, ReviewItemStatus status) {
        super("Review item " + id + " is already " + status.name().toLowerCase(java.util.Locale.ROOT)
                + "; only an open item can be confirmed or rejected");
    }
}
