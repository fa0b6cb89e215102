package org.referralbridge.fhirplugin.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads the SMART signing key from a {@link KeySource}. Failures are configuration errors found at startup; their
 * messages name the file and what is wrong with it, never a password or key bytes.
 *
 * <p>Written on the JDK ({@link KeyFactory}, {@link KeyStore}) rather than with Nimbus JOSE+JWT's PEM reading
 * ({@code JWK.parseFromPEMEncodedObjects}), which needs BouncyCastle on the class path; the JDK reads PKCS#8 and
 * PKCS#12/JKS itself, and reading them here lets each failure say how to fix the file.
 */
final class PrivateKeyReader {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private PrivateKeyReader() {}

    static PrivateKey read(KeySource source) {
        if (source instanceof KeySource.PemFile pem) {
            return fromPem(pem.path());
        }
        KeySource.KeyStoreEntry entry = (KeySource.KeyStoreEntry) source;
        return fromKeyStore(entry.path(), entry.alias(), entry.password().toCharArray());
    }

    private static PrivateKey fromPem(Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the SMART private key file " + path, e);
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("SMART private key file " + path + " " + whyNotPkcs8(pem));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("SMART private key file " + path + " is not valid PEM");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisKind) {
                // try the next kind
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm + " key support", e);
            }
        }
        throw new IllegalArgumentException("SMART private key file " + path + " holds neither an RSA nor an EC key");
    }

    private static String whyNotPkcs8(String pem) {
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "is encrypted; use an unencrypted PKCS#8 file or a PKCS#12 keystore with a password";
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return "is not PKCS#8; convert it with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem";
        }
        return "holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)";
    }

    private static PrivateKey fromKeyStore(Path path, String alias, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            // No cause: the JDK's messages are harmless, but a wrong password and a broken file look alike anyway.
            throw new IllegalArgumentException(
                    "cannot open the SMART keystore " + path + ": not a PKCS#12 or JKS keystore, or a wrong password");
        }
        Key key;
        try {
            key = store.getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read key '" + alias + "' from the SMART keystore " + path + " with the store password");
        }
        if (!(key instanceof PrivateKey privateKey)) {
            throw new IllegalArgumentException("the SMART keystore " + path + " has no private key '" + alias + "'");
        }
        return privateKey;
    }
}
