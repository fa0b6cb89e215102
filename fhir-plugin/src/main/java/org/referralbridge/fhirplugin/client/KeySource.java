package org.referralbridge.fhirplugin.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the private key that signs SMART Backend Services client assertions lives. The {@code toString} of each kind
 * hides its secrets.
 */
public sealed interface KeySource {

    /** An unencrypted PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}) holding an RSA or EC key. */
    static KeySource pemFile(Path path) {
        return new PemFile(path);
    }

    /**
     * An entry of a PKCS#12 or JKS keystore (the type is detected from the file). The key is protected by the same
     * password as the store, as {@code keytool} and {@code openssl pkcs12} make them by default.
     */
    static KeySource keyStore(Path path, String alias, String password) {
        return new KeyStoreEntry(path, alias, password);
    }

    record PemFile(Path path) implements KeySource {
        public PemFile {
            Objects.requireNonNull(path, "path");
        }
    }

    record KeyStoreEntry(Path path, String alias, String password) implements KeySource {
        public KeyStoreEntry {
            Objects.requireNonNull(path, "path");
            if (alias == null || alias.isBlank()) {
                throw new IllegalArgumentException("a keystore key source needs the alias of the key");
            }
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "KeyStoreEntry[path=" + path + ", alias=" + alias + ", password=***]";
        }
    }
}
