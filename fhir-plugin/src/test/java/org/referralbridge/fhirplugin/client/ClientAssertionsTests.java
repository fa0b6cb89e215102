package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referralbridge.fhirplugin.client.SmartBackendAuth.Algorithm;

class ClientAssertionsTests {

    private static final URI TOKEN_ENDPOINT = URI.create("https://auth.ehr.example/oauth2/token");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final String STORE_PASSWORD = "st0re-pass";

    private static KeyPair rsa;
    private static KeyPair ec;
    private static Path rsaStore;
    private static PublicKey rsaStoreKey;
    private static Path ecStore;
    private static PublicKey ecStoreKey;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void makeKeys(@TempDir Path stores) {
        rsa = TestKeys.rsa();
        ec = TestKeys.ecP384();
        rsaStore = stores.resolve("smart.p12");
        rsaStoreKey = TestKeys.keytoolPkcs12(rsaStore, "smart", STORE_PASSWORD, "RSA");
        ecStore = stores.resolve("smart-ec.p12");
        ecStoreKey = TestKeys.keytoolPkcs12(ecStore, "smart-ec", STORE_PASSWORD, "EC");
    }

    @Test
    void signsAnRs384AssertionWithTheClaimsSmartBackendServicesRequires() throws Exception {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                        "bridge-client", KeySource.pemFile(TestKeys.pkcs8Pem(dir, rsa.getPrivate())), "key-2026")
                .withAlgorithm(Algorithm.RS384);

        SignedJWT jwt = SignedJWT.parse(new ClientAssertions(settings, clock).signedFor(TOKEN_ENDPOINT));

        assertThat(jwt.verify(verifier(rsa.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-2026");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("bridge-client");
        assertThat(claims.getSubject()).isEqualTo("bridge-client");
        assertThat(claims.getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
        assertThat(claims.getExpirationTime().toInstant())
                .isAfter(NOW)
                .isBeforeOrEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void signsEs384WithAP384Key() throws Exception {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                "bridge-client", KeySource.pemFile(TestKeys.pkcs8Pem(dir, ec.getPrivate())), "ec-key");

        SignedJWT jwt = SignedJWT.parse(new ClientAssertions(settings, clock).signedFor(TOKEN_ENDPOINT));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(jwt.verify(verifier(ec.getPublic()))).isTrue();
    }

    @Test
    void picksRs384ForAnRsaKeyWhenNoAlgorithmIsConfigured() throws Exception {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                "bridge-client", KeySource.pemFile(TestKeys.pkcs8Pem(dir, rsa.getPrivate())), "rsa-key");

        SignedJWT jwt = SignedJWT.parse(new ClientAssertions(settings, clock).signedFor(TOKEN_ENDPOINT));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
    }

    @Test
    void givesEveryAssertionItsOwnJwtId() throws Exception {
        ClientAssertions assertions = new ClientAssertions(
                EhrAuth.smartBackend(
                        "bridge-client", KeySource.pemFile(TestKeys.pkcs8Pem(dir, ec.getPrivate())), "ec-key"),
                clock);

        String first = SignedJWT.parse(assertions.signedFor(TOKEN_ENDPOINT))
                .getJWTClaimsSet()
                .getJWTID();
        String second = SignedJWT.parse(assertions.signedFor(TOKEN_ENDPOINT))
                .getJWTClaimsSet()
                .getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void readsTheKeyFromAPkcs12KeystoreEntry() throws Exception {
        SmartBackendAuth settings =
                EhrAuth.smartBackend("bridge-client", KeySource.keyStore(rsaStore, "smart", STORE_PASSWORD), "p12-key");

        SignedJWT jwt = SignedJWT.parse(new ClientAssertions(settings, clock).signedFor(TOKEN_ENDPOINT));

        assertThat(jwt.verify(verifier(rsaStoreKey))).isTrue();
    }

    @Test
    void readsAnEcKeyFromAPkcs12KeystoreEntry() throws Exception {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                "bridge-client", KeySource.keyStore(ecStore, "smart-ec", STORE_PASSWORD), "p12-ec-key");

        SignedJWT jwt = SignedJWT.parse(new ClientAssertions(settings, clock).signedFor(TOKEN_ENDPOINT));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(jwt.verify(verifier(ecStoreKey))).isTrue();
    }

    @Test
    void aWrongKeystorePasswordFailsWithoutQuotingIt() {
        assertThatThrownBy(() -> new ClientAssertions(
                        EhrAuth.smartBackend("c", KeySource.keyStore(rsaStore, "smart", "wrong-pass"), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot open the SMART keystore")
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-pass")
                .hasMessageNotContaining(STORE_PASSWORD)
                .hasNoCause();
    }

    @Test
    void anUnknownKeystoreAliasIsNamed() {
        assertThatThrownBy(() -> new ClientAssertions(
                        EhrAuth.smartBackend("c", KeySource.keyStore(rsaStore, "other", STORE_PASSWORD), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SMART keystore " + rsaStore + " has no private key 'other'");
    }

    @Test
    void refusesRs384WithAnEcKey() {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                        "c", KeySource.pemFile(TestKeys.pkcs8Pem(dir, ec.getPrivate())), "k")
                .withAlgorithm(Algorithm.RS384);

        assertThatThrownBy(() -> new ClientAssertions(settings, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RS384 needs an RSA key, the configured SMART key is an EC key on P-384");
    }

    @Test
    void refusesEs384WithAKeyOnAnotherCurve() {
        SmartBackendAuth settings = EhrAuth.smartBackend(
                        "c",
                        KeySource.pemFile(
                                TestKeys.pkcs8Pem(dir, TestKeys.ecP256().getPrivate())),
                        "k")
                .withAlgorithm(Algorithm.ES384);

        assertThatThrownBy(() -> new ClientAssertions(settings, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ES384 needs an EC P-384 key, the configured SMART key is an EC key on P-256");
    }

    @Test
    void explainsHowToConvertAPkcs1PemFile() {
        Path pkcs1 = TestKeys.pem(dir.resolve("old.pem"), "RSA PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> new ClientAssertions(EhrAuth.smartBackend("c", KeySource.pemFile(pkcs1), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not PKCS#8")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void refusesAnEncryptedPemFile() {
        Path encrypted = TestKeys.pem(dir.resolve("enc.pem"), "ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(
                        () -> new ClientAssertions(EhrAuth.smartBackend("c", KeySource.pemFile(encrypted), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is encrypted");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(
                        () -> new ClientAssertions(EhrAuth.smartBackend("c", KeySource.pemFile(missing), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the SMART private key file " + missing);
    }

    @Test
    void aPemFileWithoutAKeyIsNamed() throws Exception {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

        assertThatThrownBy(() ->
                        new ClientAssertions(EhrAuth.smartBackend("c", KeySource.pemFile(certificate), "k"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no PKCS#8 private key");
    }

    private static JWSVerifier verifier(PublicKey key) throws Exception {
        return key instanceof RSAPublicKey rsaKey ? new RSASSAVerifier(rsaKey) : new ECDSAVerifier((ECPublicKey) key);
    }
}
