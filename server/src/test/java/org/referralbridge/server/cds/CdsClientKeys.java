package org.referralbridge.server.cds;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A CDS client's keys, as an EHR would hold them, and the JWTs it signs for each call (CDS Hooks 2.0). */
final class CdsClientKeys {

    static final String ISSUER = "https://ehr.example.org/";

    final ECKey ec;
    final RSAKey rsa;

    private CdsClientKeys(ECKey ec, RSAKey rsa) {
        this.ec = ec;
        this.rsa = rsa;
    }

    static CdsClientKeys generate() {
        try {
            return new CdsClientKeys(
                    new ECKeyGenerator(Curve.P_384)
                            .keyID("ec-" + UUID.randomUUID())
                            .generate(),
                    new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set the trusted client publishes. */
    String publicJwks() {
        return new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK())).toString();
    }

    /** A good ES384 token for a call to {@code audience}. */
    String token(String audience) {
        return es384(claims(audience, Instant.now()).build());
    }

    /** A token whose claims the test changes from the good ones. */
    String token(String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        return es384(change.apply(claims(audience, Instant.now())).build());
    }

    static JWTClaimsSet.Builder claims(String audience, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("ehr-cds-client")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant", "2ddd6c3a-8e9a-44c6-a305-52111ad302a2");
    }

    String es384(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.ES384, ec, claims, null);
    }

    String es384WithJku(JWTClaimsSet claims, URI jku) {
        return sign(JWSAlgorithm.ES384, ec, claims, jku);
    }

    String rs384(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS384, rsa, claims, null);
    }

    /** RS256: a key we trust, an algorithm CDS Hooks does not allow. */
    String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, rsa, claims, null);
    }

    /** HS256 with the public key's text as the secret: the classic algorithm-confusion attempt. */
    String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new MACSigner(publicJwks().repeat(2).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm algorithm, com.nimbusds.jose.jwk.JWK key, JWTClaimsSet claims, URI jku) {
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .jwkURL(jku)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
