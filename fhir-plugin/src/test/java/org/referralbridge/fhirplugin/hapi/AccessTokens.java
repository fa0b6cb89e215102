package org.referralbridge.fhirplugin.hapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Bearer tokens shaped like a SMART server's JWTs, for requests in tests. Unsigned: the interceptor reads the claims
 * only (validating the token is the job of the server in front).
 */
final class AccessTokens {

    private AccessTokens() {}

    /** {@code Authorization} header value for a token with these space-separated scopes in claim {@code scope}. */
    static String bearerWithScopes(String scopes) {
        return bearerWithClaims("{\"sub\":\"user-1\",\"scope\":\"" + scopes + "\"}");
    }

    static String bearerWithClaims(String claimsJson) {
        return "Bearer " + part("{\"alg\":\"RS384\",\"typ\":\"JWT\"}") + "." + part(claimsJson) + ".c2lnbmF0dXJl";
    }

    /** A token a patient app gets: its own record. */
    static String patientToken() {
        return bearerWithScopes("launch/patient openid fhirUser patient/Patient.read patient/Observation.read");
    }

    /** A token a clinician app gets. */
    static String clinicianToken() {
        return bearerWithScopes("openid fhirUser user/Patient.read user/Observation.read");
    }

    /** A token a backend service gets. */
    static String systemToken() {
        return bearerWithScopes("system/Patient.rs system/Consent.rs");
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
