package org.referralbridge.fhirplugin.hapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a request's {@code Authorization: Bearer} JWT, read without checking its signature, expiry or
 * audience: that is the business of the server (or gateway) in front, see {@link
 * ReferrerPrivacySettings#readTokenScopes()}.
 */
final class BearerClaims {

    private static final String BEARER = "bearer ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BearerClaims() {}

    /** Whether the header carries a Bearer token at all, readable or not. */
    static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /** The token's claims, or empty when there is no Bearer token or it is no readable JWT. */
    static Optional<JsonNode> of(String authorization) {
        if (!isBearer(authorization)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(BEARER.length()).strip().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException unreadable) {
            return Optional.empty();
        }
        return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
    }
}
