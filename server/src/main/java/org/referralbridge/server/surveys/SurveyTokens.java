package org.referralbridge.server.surveys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.server.web.SignedTokens;

/**
 * The token of a survey link: the patient's EHR id, the survey round and an expiry, signed with HMAC-SHA256 (ids
 * only: URLs end up in logs). Its id is derived from round and patient, so one advocate answers a round once.
 */
class SurveyTokens {

    /** What a token says; {@code expired} when its signature is good but its time is over. */
    record Claims(UUID tokenId, String patientId, String roundId, Instant expires, boolean expired) {}

    private final SignedTokens tokens;
    private final Duration validity;
    private final Clock clock;

    SurveyTokens(String secret, Duration validity, Clock clock) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        this.tokens = new SignedTokens(secret, "survey-token");
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
        return tokens.sign(patientId, roundId, Long.toString(expires.getEpochSecond()));
    }

    /** The claims of a token of ours, untampered (expired or not); empty for anything else. */
    Optional<Claims> verify(String token) {
        return tokens.open(token, 3).flatMap(parts -> {
            try {
                Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
                return Optional.of(new Claims(
                        tokenId(parts[1], parts[0]),
                        parts[0],
                        parts[1],
                        expires,
                        clock.instant().isAfter(expires)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
