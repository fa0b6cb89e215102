package org.referralbridge.server.landing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.referralbridge.server.web.SignedTokens;
import org.springframework.stereotype.Component;

/**
 * The form's time token: the code and when the form was shown, signed ({@link SignedTokens}, purpose {@code
 * landing-form}) so a client cannot claim another time or carry a token to another code's form. A bot that posts at
 * once, or replays a token from hours ago, is told apart from a person without a third party.
 */
@Component
class TimeTokens {

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

    private final SignedTokens signer;
    private final Duration minFillTime;
    private final Duration maxAge;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    TimeTokens(LandingProperties properties, Clock clock) {
        this(secret(properties.tokenSecret()), properties.minFillTime(), properties.maxFormAge(), clock);
    }

    TimeTokens(String secret, Duration minFillTime, Duration maxAge, Clock clock) {
        this.signer = new SignedTokens(secret, "landing-form");
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
        return signer.sign(code, Long.toString(shownAt.toEpochMilli()));
    }

    Verdict check(String code, String token) {
        Optional<String[]> fields = signer.open(token, 2);
        if (fields.isEmpty() || !fields.get()[0].equals(code)) {
            return Verdict.INVALID;
        }
        long millis;
        try {
            millis = Long.parseLong(fields.get()[1]);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
        if (age.compareTo(minFillTime) < 0) {
            return Verdict.TOO_FAST;
        }
        return age.compareTo(maxAge) > 0 ? Verdict.EXPIRED : Verdict.OK;
    }

    /** The configured secret, or (none set) a random one for this process. */
    private static String secret(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
