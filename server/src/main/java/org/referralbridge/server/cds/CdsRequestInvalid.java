package org.referralbridge.server.cds;

/** A hook request we cannot answer: answered 400 with the message, which names the field and never echoes values. */
class CdsRequestInvalid extends RuntimeException {

    CdsRequestInvalid(String message) {
        super(message);
    }
}
