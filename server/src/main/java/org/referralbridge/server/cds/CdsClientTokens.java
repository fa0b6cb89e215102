package org.referralbridge.server.cds;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves who a CDS client is, as CDS Hooks 2.0 asks: a JWT in the {@code Authorization: Bearer} header, signed with
 * ES384 or RS384 by a key of a trusted issuer's JWK Set, whose {@code aud} is the service's address, {@code exp} at
 * most {@link CdsProperties#maxTokenLifetime()} away, with {@code iss}, {@code sub}, {@code iat} and a {@code jti}
 * never seen before by any instance (a replayed token is refused; {@link UsedTokenIds}). A {@code jku} header is accepted only when it names the issuer's
 * configured JWK Set URL: keys are never fetched from where the token says.
 */
class CdsClientTokens {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    private final Map<String, TrustedClient> clients = new LinkedHashMap<>();
    private final Duration maxLifetime;
    private final Duration skew;
    private final Clock clock;
    private final UsedTokenIds usedTokenIds;

    CdsClientTokens(CdsProperties properties, Clock clock, UsedTokenIds usedTokenIds) {
        this.usedTokenIds = usedTokenIds;
        this.maxLifetime = properties.maxTokenLifetime();
        this.skew = properties.clockSkew();
        this.clock = clock;
        for (CdsProperties.Client client : properties.clients()) {
            TrustedClient trusted = TrustedClient.of(client);
            if (clients.putIfAbsent(trusted.issuer(), trusted) != null) {
                throw new IllegalStateException("referralbridge.cds.clients names the issuer " + trusted.issuer()
                        + " twice: give each trusted CDS client once");
            }
        }
    }

    /** The issuers trusted to call (for the start-up report and the docs); no keys. */
    List<String> issuers() {
        return List.copyOf(clients.keySet());
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param audience the address of the service called, which the JWT must name as its {@code aud}
     * @return the client that signed it
     * @throws CdsClientRejected when the token is missing or not one we trust, saying why
     */
    TrustedClient authenticate(String authorization, String audience) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new CdsClientRejected("no Authorization: Bearer header: a CDS client sends a signed JWT (CDS Hooks"
                    + " 2.0, \"Trusting CDS Clients\")");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new CdsClientRejected("the bearer token is not a signed JWT");
        }
        String issuer = claims.getIssuer();
        TrustedClient client = issuer == null ? null : clients.get(issuer);
        if (client == null) {
            throw new CdsClientRejected(
                    issuer == null
                            ? "the JWT has no iss claim"
                            : "the JWT's issuer is not a trusted CDS client (referralbridge.cds.clients)");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new CdsClientRejected("the JWT is signed with "
                    + jwt.getHeader().getAlgorithm() + "; CDS Hooks clients sign with ES384 or RS384");
        }
        URI jku = jwt.getHeader().getJWKURL();
        if (jku != null && !jku.toString().equals(client.jwksUrl())) {
            throw new CdsClientRejected(
                    "the JWT's jku is not the JWK Set URL configured for its issuer (referralbridge.cds.clients)");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, client.keys()));
        // the claims are checked below, once the signature holds, so that each refusal can say what was wrong
        processor.setJWTClaimsSetVerifier((verifiedClaims, context) -> {});
        try {
            processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw new CdsClientRejected("the JWT's signature does not verify with the issuer's keys");
        } catch (JOSEException e) {
            throw new CdsClientRejected("the issuer's keys could not be read to verify the JWT");
        }
        Instant now = clock.instant();
        if (claims.getSubject() == null
                || claims.getAudience().isEmpty()
                || claims.getExpirationTime() == null
                || claims.getIssueTime() == null
                || claims.getJWTID() == null) {
            throw new CdsClientRejected("the JWT lacks one of iss, sub, aud, exp, iat, jti");
        }
        if (!claims.getAudience().contains(audience)) {
            throw new CdsClientRejected("the JWT's aud is not this service's address, " + audience);
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (expires.isBefore(now.minus(skew))) {
            throw new CdsClientRejected("the JWT has expired");
        }
        if (claims.getIssueTime().toInstant().isAfter(now.plus(skew))
                || (claims.getNotBeforeTime() != null
                        && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew)))) {
            throw new CdsClientRejected("the JWT is not valid yet (iat or nbf in the future)");
        }
        if (expires.isAfter(now.plus(maxLifetime).plus(skew))) {
            throw new CdsClientRejected("the JWT expires more than " + maxLifetime.toMinutes()
                    + " minutes from now; CDS clients issue short-lived tokens");
        }
        if (!usedTokenIds.firstUse(issuer, claims.getJWTID(), expires.plus(skew))) {
            throw new CdsClientRejected("the JWT's jti was used before: each call carries a new token");
        }
        return client;
    }

    /**
     * A trusted CDS client.
     *
     * @param fhirServers the FHIR base URLs, without a trailing slash, this client may ask us to read from
     */
    record TrustedClient(String issuer, String jwksUrl, JWKSource<SecurityContext> keys, List<String> fhirServers) {

        static TrustedClient of(CdsProperties.Client client) {
            if (client.issuer() == null || client.issuer().isBlank()) {
                throw new IllegalStateException("referralbridge.cds.clients: each client needs its issuer");
            }
            boolean inline = client.jwks() != null && !client.jwks().isBlank();
            boolean remote = client.jwksUrl() != null && !client.jwksUrl().isBlank();
            if (inline == remote) {
                throw new IllegalStateException("referralbridge.cds.clients: the client " + client.issuer()
                        + " needs exactly one of jwks-url and jwks");
            }
            JWKSource<SecurityContext> keys;
            try {
                keys = inline
                        ? new ImmutableJWKSet<>(JWKSet.parse(client.jwks()))
                        : JWKSourceBuilder.create(URI.create(client.jwksUrl()).toURL())
                                .build();
            } catch (ParseException | MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("referralbridge.cds.clients: the keys of the client " + client.issuer()
                        + " are not a JWK Set (jwks) or not a URL (jwks-url)");
            }
            List<String> servers = client.fhirServers().stream()
                    .map(url -> url.strip().replaceAll("/+$", ""))
                    .toList();
            return new TrustedClient(client.issuer(), remote ? client.jwksUrl() : null, keys, servers);
        }

        boolean mayRead(String fhirServer) {
            return fhirServer != null && fhirServers.contains(fhirServer.strip().replaceAll("/+$", ""));
        }
    }
}
