package org.referralbridge.fhirplugin.client;

import java.util.Objects;

/** How Referral Bridge authenticates to an EHR. The {@code toString} of each kind hides its secrets. */
public sealed interface EhrAuth permits EhrAuth.None, EhrAuth.Basic, EhrAuth.Bearer, EhrAuth.Tokens, SmartBackendAuth {

    static EhrAuth none() {
        return new None();
    }

    static EhrAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    static EhrAuth bearer(String token) {
        return new Bearer(token);
    }

    static EhrAuth tokens(AccessTokenProvider provider) {
        return new Tokens(provider);
    }

    /**
     * SMART Backend Services with the default scopes, the token endpoint discovered from the EHR's {@code
     * .well-known/smart-configuration} and the algorithm that fits the key; see {@link SmartBackendAuth} for the
     * rest.
     */
    static SmartBackendAuth smartBackend(String clientId, KeySource key, String kid) {
        return new SmartBackendAuth(clientId, null, null, key, kid, null);
    }

    record None() implements EhrAuth {}

    record Basic(String username, String password) implements EhrAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    record Bearer(String token) implements EhrAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    record Tokens(AccessTokenProvider provider) implements EhrAuth {
        public Tokens {
            Objects.requireNonNull(provider, "provider");
        }
    }
}
