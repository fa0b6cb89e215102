package org.referralbridge.server.surveys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a survey link: the patient's EHR id, the survey round and an expiry, signed with HMAC-SHA256 (ids
 * only: URLs end up in logs). Its id is derived from round and patient, so one advocate answers a round once.
 */
class SurveyTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token says; {@code expired} when its signature is good but its time is over. */
    record Claims(UUID tokenId, String patientId, String roundId, Instant expires, boolean expired) {}

    private final byte[] secret;
    private final Duration validity;
    private final Clock clock;

    SurveyTokens(String secret, Duration validity, Clock clock) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.validity = validity;
        this.clock = clock;
    }

    static UUID tokenId(String roundId, String patientId) {
        return UUID.nameUUIDFromBytes(("survey|" + roundId + "|" + patientId).getBytes(StandardCharsets.UTF_8));
    }

    String issue(String patientId, String roundId) {
        return issue(patientId, roundId, clock.instant().plus(validity));
    }

    String issue(String patientId, String roundId, Instant expires) {
        String body = patientId + "|" + roundId + "|" + expires.getEpochSecond();
        String encoded = ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** The claims of a token of ours, untampered (expired or not); empty for anything else. */
    Optional<Claims> verify(String token) {
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
            return Optional.of(new Claims(
                    tokenId(parts[1], parts[0]),
                    parts[0],
                    parts[1],
                    expires,
                    clock.instant().isAfter(expires)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("survey-token|" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
