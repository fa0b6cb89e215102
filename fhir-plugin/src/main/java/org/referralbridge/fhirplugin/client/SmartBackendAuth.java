package org.referralbridge.fhirplugin.client;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * SMART Backend Services (HL7 SMART App Launch v2): OAuth 2.0 {@code client_credentials} with a signed JWT client
 * assertion ({@code private_key_jwt}) instead of a client secret. The EHR knows our public key (registered by clinic
 * IT, usually as a JWKS); we sign with the private key.
 *
 * @param clientId the client id the EHR's authorization server gave us; also the assertion's {@code iss} and {@code
 *     sub}
 * @param tokenEndpoint the authorization server's token endpoint; null to discover it from {@code
 *     <base>/.well-known/smart-configuration}
 * @param scopes the scopes to ask for; null means {@link #DEFAULT_SCOPES}
 * @param key where the signing key lives
 * @param kid the key id of the public key as registered with the EHR (the assertion's {@code kid} header)
 * @param algorithm the signing algorithm; null means the one that fits the key (RSA: RS384, EC P-384: ES384)
 */
public record SmartBackendAuth(
        String clientId, URI tokenEndpoint, Set<String> scopes, KeySource key, String kid, Algorithm algorithm)
        implements EhrAuth {

    /** What Referral Bridge reads and writes (SMART v2 scope syntax): the least it needs for its data flow. */
    public static final Set<String> DEFAULT_SCOPES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "system/Patient.rs",
            "system/Encounter.rs",
            "system/Appointment.rs",
            "system/Coverage.rs",
            "system/Consent.rs",
            "system/QuestionnaireResponse.rs",
            "system/Patient.u",
            "system/Consent.cu",
            "system/QuestionnaireResponse.c",
            "system/Communication.cs",
            "system/MeasureReport.cus",
            "system/Basic.cru",
            "system/Task.cru",
            "system/Provenance.c",
            "system/Subscription.cru")));

    /** The two algorithms SMART Backend Services requires servers to support. */
    public enum Algorithm {
        RS384,
        ES384
    }

    public SmartBackendAuth {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("SMART backend auth needs a client id");
        }
        if (tokenEndpoint != null && !isHttpUrl(tokenEndpoint)) {
            throw new IllegalArgumentException("the SMART token endpoint must be an absolute http(s) URL");
        }
        scopes = scopes == null ? DEFAULT_SCOPES : checked(scopes);
        Objects.requireNonNull(key, "key");
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("SMART backend auth needs the kid of the registered public key");
        }
    }

    public SmartBackendAuth withTokenEndpoint(URI endpoint) {
        return new SmartBackendAuth(clientId, endpoint, scopes, key, kid, algorithm);
    }

    public SmartBackendAuth withScopes(Set<String> requested) {
        return new SmartBackendAuth(clientId, tokenEndpoint, requested, key, kid, algorithm);
    }

    public SmartBackendAuth withAlgorithm(Algorithm signing) {
        return new SmartBackendAuth(clientId, tokenEndpoint, scopes, key, kid, signing);
    }

    /** The scopes as the token request's {@code scope} parameter: space-separated. */
    public String scope() {
        return String.join(" ", scopes);
    }

    private static Set<String> checked(Set<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("SMART backend auth needs at least one scope");
        }
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a SMART scope must be one word without spaces");
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    static boolean isHttpUrl(URI uri) {
        return uri.isAbsolute()
                && uri.getHost() != null
                && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
    }
}
