package org.referralbridge.server.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.referralbridge.server.web.SignedTokens;

/**
 * The token of a one-click opt-out link: the patient's id, a digest of the address (the link must not carry the
 * address itself: URLs end up in logs) and an expiry, signed with HMAC-SHA256. Only this service can make one, and
 * one made for an address opts out that address only.
 */
class OptOutTokens {

    private final SignedTokens tokens;
    private final Duration validity;
    private final Clock clock;

    OptOutTokens(String secret, Duration validity, Clock clock) {
        this.tokens = new SignedTokens(secret, "token");
        this.validity = validity;
        this.clock = clock;
    }

    /** What a valid token says. */
    record OptOut(String patientId, String addressDigest, Instant expires) {}

    String issue(String patientId, String address) {
        Instant expires = clock.instant().plus(validity);
        return tokens.sign(patientId, digest(address), Long.toString(expires.getEpochSecond()));
    }

    /** The token's claims, when it is ours, untampered and not expired. */
    Optional<OptOut> verify(String token) {
        return tokens.open(token, 3).flatMap(parts -> {
            try {
                Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
                return clock.instant().isAfter(expires)
                        ? Optional.empty()
                        : Optional.of(new OptOut(parts[0], parts[1], expires));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The address as the suppression list keeps it: a keyed digest of its lower-cased form, so the list holds no
     * e-mail address and cannot be reversed without the secret.
     */
    String digest(String address) {
        String normalised = address.strip().toLowerCase(Locale.ROOT);
        return HexFormat.of().formatHex(tokens.hmac("address|" + normalised));
    }
}
