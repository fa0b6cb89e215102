package org.referralbridge.server.referral;

import java.util.UUID;

/** A confirmation must choose one of the item's candidates (and must say which when there are several). */
public class NotACandidate extends RuntimeException {

    NotACandidate(UUID id, String message) {
        super("Review item " + id + ": " + message);
    }
}
