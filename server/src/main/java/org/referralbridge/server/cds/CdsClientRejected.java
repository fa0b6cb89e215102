package org.referralbridge.server.cds;

/**
 * A call to a CDS service without a JWT we trust: answered 401. The message says what was wrong with the token (no
 * token, unknown issuer, bad signature, wrong audience, expired, replayed), never the token itself.
 */
class CdsClientRejected extends RuntimeException {

    CdsClientRejected(String message) {
        super(message);
    }
}
