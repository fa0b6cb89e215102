package org.referralbridge.server.consent;

import java.util.UUID;

/** No current consent statement has this id: a 404 for the API. */
public class ConsentNotFound extends RuntimeException {

    ConsentNotFound(UUID statementId) {
        super("no current consent statement has id " + statementId);
    }
}
