package org.referralbridge.server.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.MovableClock;

class TimeTokensTests {

    private static final String KEY = "a test key of the landing page";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final TimeTokens tokens = new TimeTokens(KEY, Duration.ofSeconds(3), Duration.ofHours(2), clock);

    @Test
    void aFormSentAfterAPersonCouldFillItInPasses() {
        String token = tokens.issue("ABCD-2345");
        clock.advance(Duration.ofSeconds(3));
        assertThat(tokens.check("ABCD-2345", token)).isEqualTo(TimeTokens.Verdict.OK);
        clock.advance(Duration.ofMinutes(119).plusSeconds(57));
        assertThat(tokens.check("ABCD-2345", token)).isEqualTo(TimeTokens.Verdict.OK);
    }

    @Test
    void aFormSentTooSoonOrTooLateIsRefused() {
        String token = tokens.issue("ABCD-2345");
        clock.advance(Duration.ofMillis(2999));
        assertThat(tokens.check("ABCD-2345", token)).isEqualTo(TimeTokens.Verdict.TOO_FAST);
        clock.advance(Duration.ofHours(2));
        assertThat(tokens.check("ABCD-2345", token)).isEqualTo(TimeTokens.Verdict.EXPIRED);
    }

    @Test
    void aTokenNotSignedByUsForThisCodeIsInvalid() {
        String token = tokens.issue("ABCD-2345");
        clock.advance(Duration.ofMinutes(1));
        String[] fields = new String(
                        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8)
                .split("\\|");
        String signature = token.substring(token.indexOf('.') + 1);
        // an older time with the same signature: the signature covers the time
        String backdated = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((fields[0] + "|" + (Long.parseLong(fields[1]) - 60_000))
                                .getBytes(StandardCharsets.UTF_8))
                + "." + signature;

        assertThat(tokens.check("ABCD-2346", token)).isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(tokens.check("ABCD-2345", backdated)).isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(new TimeTokens("another key", Duration.ZERO, Duration.ofHours(2), clock).check("ABCD-2345", token))
                .isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(tokens.check("ABCD-2345", null)).isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(tokens.check("ABCD-2345", "")).isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(tokens.check("ABCD-2345", "soon.abc")).isEqualTo(TimeTokens.Verdict.INVALID);
        assertThat(tokens.check("ABCD-2345", signature)).isEqualTo(TimeTokens.Verdict.INVALID);
        // another form's token: the code is part of what is signed
        assertThat(tokens.check("ABCD-2345", tokens.issue("WXYZ-2345"))).isEqualTo(TimeTokens.Verdict.INVALID);
    }

    @Test
    void aColourWithoutEnoughContrastIsReplacedByTheDefault() {
        assertThat(LandingProperties.contrastAgainstWhite("#ffffff")).isEqualTo(1.0);
        assertThat(LandingProperties.contrastAgainstWhite("#000000")).isEqualTo(21.0);
        assertThat(properties("#1D4F91").shownColour()).isEqualTo("#1d4f91");
        assertThat(properties("#ffcc00").shownColour()).isEqualTo(LandingProperties.DEFAULT_COLOUR);
        // #767676 is the lightest grey with 4.5:1 on white
        assertThat(properties("#767676").shownColour()).isEqualTo("#767676");
        assertThat(properties("#777777").shownColour()).isEqualTo(LandingProperties.DEFAULT_COLOUR);
    }

    private static LandingProperties properties(String colour) {
        return new LandingProperties(
                "Practice",
                "",
                colour,
                "intro",
                "privacy",
                "",
                Duration.ofSeconds(3),
                Duration.ofHours(2),
                5,
                Duration.ofMinutes(10),
                "");
    }
}
