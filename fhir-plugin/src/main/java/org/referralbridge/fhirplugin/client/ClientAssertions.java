package org.referralbridge.fhirplugin.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.referralbridge.fhirplugin.client.SmartBackendAuth.Algorithm;

/**
 * Signs the JWT a SMART Backend Services client authenticates with ({@code private_key_jwt}): {@code iss} = {@code
 * sub} = client id, {@code aud} = token endpoint, a short {@code exp}, a fresh {@code jti} each time, and the
 * registered key's {@code kid} in the header. Thread-safe.
 *
 * <p>The JWT is built and signed with Nimbus JOSE+JWT ({@link SignedJWT}, {@link RSASSASigner}, {@link
 * ECDSASigner}); only the choice of algorithm and the checks of the key (with messages that say what is wrong with
 * the configuration) are ours. The Nimbus OAuth 2.0 SDK's {@code PrivateKeyJWT} would build the same claims, but
 * that SDK is not used (see {@link TokenEndpoint} for why).
 */
final class ClientAssertions {

    /** SMART: "no more than five minutes in the future"; a minute less leaves room for clocks that disagree. */
    static final Duration LIFETIME = Duration.ofMinutes(4);

    private final String clientId;
    private final JWSHeader header;
    private final JWSSigner signer;
    private final Clock clock;

    ClientAssertions(SmartBackendAuth settings, Clock clock) {
        this.clientId = settings.clientId();
        this.clock = clock;
        PrivateKey key = PrivateKeyReader.read(settings.key());
        Algorithm algorithm = settings.algorithm() != null ? settings.algorithm() : fitting(key);
        this.signer = signer(algorithm, key);
        this.header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
                .type(JOSEObjectType.JWT)
                .keyID(settings.kid())
                .build();
    }

    /** A new assertion for one token request to {@code tokenEndpoint}. */
    String signedFor(URI tokenEndpoint) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenEndpoint.toString())
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the SMART client assertion", e);
        }
        return jwt.serialize();
    }

    private static Algorithm fitting(PrivateKey key) {
        return key instanceof ECPrivateKey ? Algorithm.ES384 : Algorithm.RS384;
    }

    private static JWSSigner signer(Algorithm algorithm, PrivateKey key) {
        if (algorithm == Algorithm.RS384) {
            if (!(key instanceof RSAPrivateKey)) {
                throw new IllegalArgumentException("RS384 needs an RSA key, the configured SMART key is " + kind(key));
            }
            try {
                return new RSASSASigner(key);
            } catch (IllegalArgumentException weak) {
                throw new IllegalArgumentException("the SMART RSA key is shorter than 2048 bits");
            }
        }
        if (!(key instanceof ECPrivateKey ec) || !Curve.P_384.equals(Curve.forECParameterSpec(ec.getParams()))) {
            throw new IllegalArgumentException("ES384 needs an EC P-384 key, the configured SMART key is " + kind(key));
        }
        try {
            return new ECDSASigner(ec);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the SMART EC key cannot sign ES384", e);
        }
    }

    private static String kind(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            return "an EC key on " + (curve == null ? "an unknown curve" : curve.getName());
        }
        return "an " + key.getAlgorithm() + " key";
    }
}
