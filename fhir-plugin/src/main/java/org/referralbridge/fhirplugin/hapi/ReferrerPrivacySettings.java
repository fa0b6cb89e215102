package org.referralbridge.fhirplugin.hapi;

/**
 * When a request counts as patient-facing for {@link ReferrerPrivacyInterceptor}: any one of its rules that is on
 * and matches makes it so.
 *
 * @param readTokenScopes whether a request whose {@code Authorization: Bearer} token is a JWT with a SMART {@code
 *     patient/} scope is patient-facing. The token's signature, expiry and audience are NOT checked here: this
 *     assumes the server (or a gateway in front of it) has already rejected tokens that are not valid. A request
 *     without a Bearer token is not patient-facing by this rule.
 * @param unreadableTokensArePatientFacing whether a Bearer token whose claims cannot be read (not a JWT, e.g. an
 *     opaque token) counts as patient-facing. Off by default: the Referral Bridge service itself (and other
 *     backends) may read the server with a static opaque token and must see referrers; a gateway that introspects
 *     opaque patient tokens should set the header rule instead. Turn it on where every opaque token is a patient's.
 * @param scopeClaim the claim holding the scopes: a space-separated string (SMART's {@code scope}) or an array of
 *     strings (e.g. {@code scp})
 * @param patientHeaderName a request header that marks a patient-facing request (e.g. one a patient portal's
 *     gateway sets), or null for no header rule
 * @param patientHeaderValue the value that header must have (compared ignoring case), or null for any value
 * @param patientPathPrefix a prefix of the request URL's path that marks a patient-facing request (e.g. {@code
 *     /portal/fhir/} when the portal reaches the server through a mapping of its own), or null for no path rule
 */
public record ReferrerPrivacySettings(
        boolean readTokenScopes,
        boolean unreadableTokensArePatientFacing,
        String scopeClaim,
        String patientHeaderName,
        String patientHeaderValue,
        String patientPathPrefix) {

    /** SMART's claim name. */
    public static final String DEFAULT_SCOPE_CLAIM = "scope";

    public ReferrerPrivacySettings {
        scopeClaim = blankToNull(scopeClaim);
        patientHeaderName = blankToNull(patientHeaderName);
        patientHeaderValue = blankToNull(patientHeaderValue);
        patientPathPrefix = blankToNull(patientPathPrefix);
        if (unreadableTokensArePatientFacing && !readTokenScopes) {
            throw new IllegalArgumentException("unreadableTokensArePatientFacing needs readTokenScopes");
        }
        if (readTokenScopes && scopeClaim == null) {
            throw new IllegalArgumentException("scopeClaim is needed when readTokenScopes is on");
        }
        if (patientHeaderValue != null && patientHeaderName == null) {
            throw new IllegalArgumentException("patientHeaderValue is set but patientHeaderName is not");
        }
    }

    /** Patient-facing when the access token has a {@code patient/} scope in claim {@code scope}; no other rule. */
    public static ReferrerPrivacySettings defaults() {
        return new ReferrerPrivacySettings(true, false, DEFAULT_SCOPE_CLAIM, null, null, null);
    }

    public ReferrerPrivacySettings withoutTokenScopes() {
        return new ReferrerPrivacySettings(
                false, false, null, patientHeaderName, patientHeaderValue, patientPathPrefix);
    }

    /** Counts a Bearer token that is no readable JWT as a patient's. */
    public ReferrerPrivacySettings withUnreadableTokensPatientFacing() {
        return new ReferrerPrivacySettings(
                true, true, scopeClaim, patientHeaderName, patientHeaderValue, patientPathPrefix);
    }

    public ReferrerPrivacySettings withScopeClaim(String claim) {
        return new ReferrerPrivacySettings(
                true,
                unreadableTokensArePatientFacing,
                claim,
                patientHeaderName,
                patientHeaderValue,
                patientPathPrefix);
    }

    /** Also patient-facing when header {@code name} has {@code value} (null: any value). */
    public ReferrerPrivacySettings withPatientHeader(String name, String value) {
        return new ReferrerPrivacySettings(
                readTokenScopes, unreadableTokensArePatientFacing, scopeClaim, name, value, patientPathPrefix);
    }

    /** Also patient-facing when the request URL's path starts with {@code prefix}. */
    public ReferrerPrivacySettings withPatientPathPrefix(String prefix) {
        return new ReferrerPrivacySettings(
                readTokenScopes,
                unreadableTokensArePatientFacing,
                scopeClaim,
                patientHeaderName,
                patientHeaderValue,
                prefix);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
