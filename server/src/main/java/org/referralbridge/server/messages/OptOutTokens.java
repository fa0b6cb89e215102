package org.referralbridge.server.messages;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a one-click opt-out link: the patient's id, a digest of the address (the link must not carry the
 * address itself: URLs end up in logs) and an expiry, signed with HMAC-SHA256. Only this service can make one, and
 * one made for an address opts out that address only.
 */
class OptOutTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;

    OptOutTokens(String secret, Duration validity, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.validity = validity;
        this.clock = clock;
    }

    /** What a valid token says. */
    record OptOut(String patientId, String addressDigest, Instant expires) {}

    String issue(String patientId, String address) {
        Instant expires = clock.instant().plus(validity);
        String body = patientId + "|" + digest(address) + "|" + expires.getEpochSecond();
        String encoded = ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** The token's claims, when it is ours, untampered and not expired. */
    Optional<OptOut> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] presented = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(encoded))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (clock.instant().isAfter(expires)) {
                return Optional.empty();
            }
            return Optional.of(new OptOut(parts[0], parts[1], expires));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The address as the suppression list keeps it: a keyed digest of its lower-cased form, so the list holds no
     * e-mail address and cannot be reversed without the secret.
     */
    String digest(String address) {
        String normalised = address.strip().toLowerCase(Locale.ROOT);
        return HexFormat.of().formatHex(hmac("address|" + normalised));
    }

    private byte[] mac(String value) {
        return hmac("token|" + value);
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
