package org.referralbridge.fhirplugin.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keys made fresh for each test run: no private key is ever committed. */
final class TestKeys {

    private TestKeys() {}

    static KeyPair rsa() {
        return generate("RSA", null);
    }

    static KeyPair ecP384() {
        return generate("EC", "secp384r1");
    }

    static KeyPair ecP256() {
        return generate("EC", "secp256r1");
    }

    /** Writes the private key as an unencrypted PKCS#8 PEM file. */
    static Path pkcs8Pem(Path dir, PrivateKey key) {
        return pem(dir.resolve("key-" + System.nanoTime() + ".pem"), "PRIVATE KEY", key.getEncoded());
    }

    static Path pem(Path file, String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        try {
            Files.writeString(
                    file,
                    "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /**
     * Has the JDK's keytool make a key pair with a self-signed certificate in a new PKCS#12 keystore (the JDK has no
     * API for certificates), and returns the public key from it.
     */
    static PublicKey keytoolPkcs12(Path store, String alias, String password, String keyAlgorithm) {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", alias));
        command.addAll(
                keyAlgorithm.equals("EC")
                        ? List.of("-keyalg", "EC", "-groupname", "secp384r1")
                        : List.of("-keyalg", "RSA", "-keysize", "2048"));
        command.addAll(List.of(
                "-dname",
                "CN=referral-bridge-test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                password));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance(store.toFile(), password.toCharArray());
            return keyStore.getCertificate(alias).getPublicKey();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
