package org.referralbridge.server.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which CDS client JWTs are trusted, and what the refusal says of each one that is not. */
class CdsClientTokensTests {

    private static final String AUDIENCE = "https://referrals.example.org/cds-services/referral-bridge-patient-view";
    private static final String JWKS_URL = "https://ehr.example.org/jwks.json";

    private final CdsClientKeys keys = CdsClientKeys.generate();
    private final CdsClientKeys strangers = CdsClientKeys.generate();
    private final CdsClientTokens tokens = new CdsClientTokens(
            properties(keys.publicJwks()), Clock.systemUTC(), new UsedTokenIds.InMemory(Clock.systemUTC()));

    /** A trusted client of the test issuer with these keys, as the other CDS tests configure it. */
    static CdsProperties properties(String jwks) {
        return new CdsProperties(
                null,
                null,
                null,
                Duration.ofMinutes(5),
                Duration.ofSeconds(60),
                List.of(),
                List.of(new CdsProperties.Client(
                        CdsClientKeys.ISSUER, null, jwks, List.of("https://ehr.example.org/fhir/"))));
    }

    @Test
    void anEs384OrRs384TokenOfATrustedIssuerForThisServiceIsAccepted() {
        assertThat(tokens.authenticate("Bearer " + keys.token(AUDIENCE), AUDIENCE)
                        .issuer())
                .isEqualTo(CdsClientKeys.ISSUER);
        String rs384 = keys.rs384(CdsClientKeys.claims(AUDIENCE, Instant.now()).build());
        assertThat(tokens.authenticate("bearer " + rs384, AUDIENCE).mayRead("https://ehr.example.org/fhir"))
                .isTrue();
    }

    @Test
    void eachUntrustedTokenIsRefusedSayingWhy() {
        Instant now = Instant.now();
        assertRefused(null, "no Authorization: Bearer header");
        assertRefused("Basic YWRtaW46eA==", "no Authorization: Bearer header");
        assertRefused("Bearer not-a-jwt", "not a signed JWT");
        assertRefused("Bearer " + strangers.token(AUDIENCE), "signature does not verify");
        assertRefused(
                "Bearer " + keys.token(AUDIENCE, claims -> claims.issuer("https://other.example.org/")),
                "issuer is not a trusted CDS client");
        assertRefused(
                "Bearer " + keys.token("https://elsewhere.example.org/cds-services/x"),
                "aud is not this service's address");
        assertRefused(
                "Bearer "
                        + keys.token(
                                AUDIENCE,
                                claims -> claims.issueTime(Date.from(now.minusSeconds(900)))
                                        .expirationTime(Date.from(now.minusSeconds(600)))),
                "expired");
        assertRefused(
                "Bearer " + keys.token(AUDIENCE, claims -> claims.expirationTime(Date.from(now.plusSeconds(3600)))),
                "more than 5 minutes from now");
        assertRefused("Bearer " + keys.token(AUDIENCE, claims -> claims.jwtID(null)), "lacks one of");
        assertRefused("Bearer " + keys.rs256(CdsClientKeys.claims(AUDIENCE, now).build()), "ES384 or RS384");
        assertRefused("Bearer " + keys.hs256(CdsClientKeys.claims(AUDIENCE, now).build()), "ES384 or RS384");
        assertRefused(
                "Bearer "
                        + keys.es384WithJku(
                                CdsClientKeys.claims(AUDIENCE, now).build(),
                                URI.create("https://attacker.example.org/k")),
                "jku is not the JWK Set URL");
    }

    @Test
    void aTokenIsRefusedTheSecondTime() {
        String token = keys.token(AUDIENCE);
        tokens.authenticate("Bearer " + token, AUDIENCE);

        assertRefused("Bearer " + token, "jti was used before");
    }

    @Test
    void aClientIsConfiguredWithExactlyOneSourceOfKeys() {
        assertThatThrownBy(() -> new CdsClientTokens(
                        new CdsProperties(
                                null,
                                null,
                                null,
                                Duration.ofMinutes(5),
                                Duration.ofSeconds(60),
                                List.of(),
                                List.of(new CdsProperties.Client(
                                        CdsClientKeys.ISSUER, JWKS_URL, keys.publicJwks(), List.of()))),
                        Clock.systemUTC(),
                        new UsedTokenIds.InMemory(Clock.systemUTC())))
                .hasMessageContaining("exactly one of jwks-url and jwks");
        assertThatThrownBy(() -> new CdsClientTokens(
                        properties("{not json"), Clock.systemUTC(), new UsedTokenIds.InMemory(Clock.systemUTC())))
                .hasMessageContaining("not a JWK Set");
    }

    private void assertRefused(String authorization, String why) {
        assertThatThrownBy(() -> tokens.authenticate(authorization, AUDIENCE))
                .isInstanceOf(CdsClientRejected.class)
                .hasMessageContaining(why);
    }
}
