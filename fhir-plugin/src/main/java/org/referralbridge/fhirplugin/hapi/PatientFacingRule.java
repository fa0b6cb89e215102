package org.referralbridge.fhirplugin.hapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells a patient-facing request from clinician and system access, by the rules of a {@link ReferrerPrivacySettings}:
 * a SMART {@code patient/} scope in the Bearer token's claims, a header, or a path prefix. It only reads the token's
 * claims; whether the token is valid is the business of the server in front (see {@link
 * ReferrerPrivacySettings#readTokenScopes()}).
 */
final class PatientFacingRule {

    /** What the rule needs of a request; the interceptor adapts HAPI's RequestDetails to it. */
    interface RequestView {

        /** The first value of the header, or null. */
        String header(String name);

        /** The path of the request URL, e.g. {@code /fhir/Patient/12}, or null when unknown. */
        String path();
    }

    private static final String PATIENT_SCOPE = "patient/";

    private final ReferrerPrivacySettings settings;

    PatientFacingRule(ReferrerPrivacySettings settings) {
        this.settings = settings;
    }

    boolean isPatientFacing(RequestView request) {
        return byHeader(request) || byPath(request) || byToken(request);
    }

    private boolean byHeader(RequestView request) {
        if (settings.patientHeaderName() == null) {
            return false;
        }
        String value = request.header(settings.patientHeaderName());
        if (value == null) {
            return false;
        }
        return settings.patientHeaderValue() == null
                || settings.patientHeaderValue().equalsIgnoreCase(value.strip());
    }

    private boolean byPath(RequestView request) {
        String path = request.path();
        return settings.patientPathPrefix() != null && path != null && path.startsWith(settings.patientPathPrefix());
    }

    private boolean byToken(RequestView request) {
        if (!settings.readTokenScopes()) {
            return false;
        }
        String authorization = request.header("Authorization");
        if (!BearerClaims.isBearer(authorization)) {
            return false;
        }
        return BearerClaims.of(authorization)
                .map(this::scopes)
                .map(granted -> granted.stream().anyMatch(PatientFacingRule::isPatientScope))
                .orElse(settings.unreadableTokensArePatientFacing());
    }

    private static boolean isPatientScope(String scope) {
        return scope.toLowerCase(Locale.ROOT).startsWith(PATIENT_SCOPE);
    }

    /** The scopes in the token's claim. */
    private List<String> scopes(JsonNode claims) {
        JsonNode claim = claims.get(settings.scopeClaim());
        List<String> scopes = new ArrayList<>();
        if (claim != null && claim.isTextual()) {
            scopes.addAll(List.of(claim.asText().strip().split("\\s+")));
        } else if (claim != null && claim.isArray()) {
            claim.forEach(scope -> scopes.add(scope.asText()));
        }
        return scopes;
    }
}
