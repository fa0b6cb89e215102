package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.bearerWithClaims;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.patientToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.systemToken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatientFacingRuleTests {

    private final PatientFacingRule byToken = new PatientFacingRule(ReferrerPrivacySettings.defaults());

    @Test
    void aTokenWithAPatientScopeIsPatientFacing() {
        assertThat(byToken.isPatientFacing(request().authorization(patientToken())))
                .isTrue();
        assertThat(byToken.isPatientFacing(request().authorization(bearerWithClaims("{\"scope\":\"patient/*.rs\"}"))))
                .as("SMART v2 scopes")
                .isTrue();
    }

    @Test
    void clinicianAndSystemTokensAreNot() {
        assertThat(byToken.isPatientFacing(request().authorization(clinicianToken())))
                .isFalse();
        assertThat(byToken.isPatientFacing(request().authorization(systemToken())))
                .isFalse();
        assertThat(byToken.isPatientFacing(request().authorization(bearerWithClaims("{\"sub\":\"svc\"}"))))
                .as("a token without scopes")
                .isFalse();
    }

    @Test
    void aRequestWithoutABearerTokenIsNot() {
        assertThat(byToken.isPatientFacing(request())).isFalse();
        assertThat(byToken.isPatientFacing(request().authorization("Basic dXNlcjpwYXNz")))
                .isFalse();
    }

    @Test
    void aBearerTokenWhoseClaimsCannotBeReadIsNotPatientFacingUnlessConfigured() {
        PatientFacingRule strict =
                new PatientFacingRule(ReferrerPrivacySettings.defaults().withUnreadableTokensPatientFacing());

        for (String unreadable : List.of(
                "Bearer an-opaque-token",
                "Bearer a.!!notbase64!!.c",
                bearerWithClaims("[\"patient/*.read\"]"),
                bearerWithClaims("not json"))) {
            assertThat(byToken.isPatientFacing(request().authorization(unreadable)))
                    .as(unreadable)
                    .isFalse();
            assertThat(strict.isPatientFacing(request().authorization(unreadable)))
                    .as(unreadable)
                    .isTrue();
        }
        assertThat(strict.isPatientFacing(request().authorization(clinicianToken())))
                .isFalse();
    }

    @Test
    void readsTheScopesFromTheConfiguredClaimAlsoAsAnArray() {
        PatientFacingRule byScp =
                new PatientFacingRule(ReferrerPrivacySettings.defaults().withScopeClaim("scp"));

        assertThat(byScp.isPatientFacing(
                        request().authorization(bearerWithClaims("{\"scp\":[\"openid\",\"patient/Patient.r\"]}"))))
                .isTrue();
        assertThat(byScp.isPatientFacing(request().authorization(bearerWithClaims("{\"scp\":[\"user/Patient.r\"]}"))))
                .isFalse();
        assertThat(byScp.isPatientFacing(request().authorization(patientToken())))
                .as("scopes in another claim are not read")
                .isFalse();
    }

    @Test
    void ignoresTokensWhenTheTokenRuleIsOff() {
        PatientFacingRule rule =
                new PatientFacingRule(ReferrerPrivacySettings.defaults().withoutTokenScopes());

        assertThat(rule.isPatientFacing(request().authorization(patientToken())))
                .isFalse();
        assertThat(rule.isPatientFacing(request().authorization("Bearer an-opaque-token")))
                .isFalse();
    }

    @Test
    void aConfiguredHeaderWithItsValueMakesARequestPatientFacing() {
        PatientFacingRule rule = new PatientFacingRule(
                ReferrerPrivacySettings.defaults().withPatientHeader("X-Access-Context", "patient"));

        assertThat(rule.isPatientFacing(request().header("X-Access-Context", "Patient")))
                .isTrue();
        assertThat(rule.isPatientFacing(request().header("X-Access-Context", "clinician")))
                .isFalse();
        assertThat(rule.isPatientFacing(request().authorization(clinicianToken())))
                .isFalse();
        assertThat(rule.isPatientFacing(request().authorization(patientToken())))
                .as("the token rule still applies")
                .isTrue();
    }

    @Test
    void aConfiguredHeaderWithoutValueMatchesAnyValue() {
        PatientFacingRule rule = new PatientFacingRule(
                ReferrerPrivacySettings.defaults().withoutTokenScopes().withPatientHeader("X-Portal-User", null));

        assertThat(rule.isPatientFacing(request().header("X-Portal-User", "p-77")))
                .isTrue();
        assertThat(rule.isPatientFacing(request())).isFalse();
    }

    @Test
    void aConfiguredPathPrefixMakesARequestPatientFacing() {
        PatientFacingRule rule =
                new PatientFacingRule(ReferrerPrivacySettings.defaults().withPatientPathPrefix("/portal/fhir/"));

        assertThat(rule.isPatientFacing(request().path("/portal/fhir/Patient/34")))
                .isTrue();
        assertThat(rule.isPatientFacing(request().path("/fhir/Patient/34"))).isFalse();
        assertThat(rule.isPatientFacing(request())).as("no path known").isFalse();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new ReferrerPrivacySettings(true, false, " ", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scopeClaim");
        assertThatThrownBy(() -> new ReferrerPrivacySettings(false, false, null, null, "patient", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patientHeaderName");
    }

    private static FakeRequest request() {
        return new FakeRequest();
    }

    /** A request with the headers and path a test gives it. */
    private static final class FakeRequest implements PatientFacingRule.RequestView {

        private final Map<String, String> headers = new HashMap<>();
        private String path;

        FakeRequest authorization(String value) {
            return header("Authorization", value);
        }

        FakeRequest header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        FakeRequest path(String value) {
            path = value;
            return this;
        }

        @Override
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String path() {
            return path;
        }
    }
}
