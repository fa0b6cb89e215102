package org.referralbridge.server.landing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The form's time token: when the form was shown, signed (HMAC-SHA256) so a client cannot claim another time. A bot
 * that posts at once, or replays a token from hours ago, is told apart from a person without a third party.
 */
@Component
class TimeTokens {

    private static final String ALGORITHM = "HmacSHA256";

    /** What a token says of the form it came with. */
    enum Verdict {
        OK,
        /** Sent sooner than a person could fill it in. */
        TOO_FAST,
        /** Shown longer ago than the form may stay open. */
        EXPIRED,
        /** Missing, malformed or not signed by us. */
        INVALID
    }

    private final byte[] key;
    private final Duration minFillTime;
    private final Duration maxAge;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    TimeTokens(LandingProperties properties, Clock clock) {
        this(key(properties.tokenSecret()), properties.minFillTime(), properties.maxFormAge(), clock);
    }

    TimeTokens(byte[] key, Duration minFillTime, Duration maxAge, Clock clock) {
        this.key = key.clone();
        this.minFillTime = minFillTime;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A token for a form of this code shown now. */
    String issue(String code) {
        return issue(code, clock.instant());
    }

    /** A token for a form of this code shown at {@code shownAt}. */
    String issue(String code, Instant shownAt) {
        String time = Long.toString(shownAt.toEpochMilli());
        return time + "." + sign(code, time);
    }

    Verdict check(String code, String token) {
        if (token == null) {
            return Verdict.INVALID;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 20) {
            return Verdict.INVALID;
        }
        String time = token.substring(0, dot);
        long millis;
        try {
            millis = Long.parseLong(time);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = sign(code, time).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.INVALID;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
        if (age.compareTo(minFillTime) < 0) {
            return Verdict.TOO_FAST;
        }
        return age.compareTo(maxAge) > 0 ? Verdict.EXPIRED : Verdict.OK;
    }

    private String sign(String code, String time) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] signature = mac.doFinal(("landing:" + code + ":" + time).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret != null && !secret.isBlank()) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
