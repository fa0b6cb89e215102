package org.referralbridge.server.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.MovableClock;

/** The opt-out link's token: signed, bound to the address, expiring, and without the address in it. */
class OptOutTokensTests {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-20T10:00:00Z"));
    private final OptOutTokens tokens = new OptOutTokens(SECRET, Duration.ofDays(30), clock);

    @Test
    void aTokenNamesThePatientAndTheAddressDigestAndHoldsNoAddress() {
        String token = tokens.issue("p-1", "Zoe.Q@Mail.example.org");

        OptOutTokens.OptOut optOut = tokens.verify(token).orElseThrow();
        assertThat(optOut.patientId()).isEqualTo("p-1");
        assertThat(optOut.addressDigest()).isEqualTo(tokens.digest("zoe.q@mail.example.org "));
        assertThat(token).doesNotContainIgnoringCase("zoe").doesNotContain("example");
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))))
                .doesNotContainIgnoringCase("zoe");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue("p-1", "zoe@mail.example.org");
        String otherBody = tokens.issue("p-2", "zoe@mail.example.org");
        String forged = otherBody.substring(0, otherBody.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify("nonsense")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void aTokenOfAnotherSecretIsRefused() {
        OptOutTokens other = new OptOutTokens(SECRET + "-other", Duration.ofDays(30), clock);

        assertThat(tokens.verify(other.issue("p-1", "zoe@mail.example.org"))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue("p-1", "zoe@mail.example.org");
        clock.advance(Duration.ofDays(31));

        assertThat(tokens.verify(token)).isEmpty();
    }
}
