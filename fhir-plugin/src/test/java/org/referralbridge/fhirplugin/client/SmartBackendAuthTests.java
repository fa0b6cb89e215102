package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmartBackendAuthTests {

    private static final KeySource PEM = KeySource.pemFile(Path.of("/etc/referralbridge/smart-key.pem"));

    @Test
    void asksForTheDefaultScopesAndDiscoversTheTokenEndpointUnlessToldOtherwise() {
        SmartBackendAuth auth = EhrAuth.smartBackend("bridge-client", PEM, "key-1");

        assertThat(auth.scopes()).isEqualTo(SmartBackendAuth.DEFAULT_SCOPES);
        assertThat(auth.scope())
                .isEqualTo(
                        "system/Patient.rs system/Encounter.rs system/Appointment.rs system/Coverage.rs system/Consent.rs"
                                + " system/QuestionnaireResponse.rs system/Patient.u system/Consent.cu"
                                + " system/QuestionnaireResponse.c system/Communication.cs system/MeasureReport.cus"
                                + " system/Basic.cru system/Task.cru system/Provenance.c"
                                + " system/Subscription.cru");
        assertThat(auth.tokenEndpoint()).isNull();
        assertThat(auth.algorithm()).isNull();
    }

    @Test
    void keepsConfiguredScopesInTheirOrder() {
        SmartBackendAuth auth = EhrAuth.smartBackend("bridge-client", PEM, "key-1")
                .withScopes(new LinkedHashSet<>(List.of("system/Patient.rs", "system/Basic.cru")));

        assertThat(auth.scope()).isEqualTo("system/Patient.rs system/Basic.cru");
    }

    @Test
    void refusesIncompleteSettingsWithMessagesNamingWhatIsMissing() {
        assertThatThrownBy(() -> EhrAuth.smartBackend(" ", PEM, "key-1"))
                .hasMessage("SMART backend auth needs a client id");
        assertThatThrownBy(() -> EhrAuth.smartBackend("bridge-client", PEM, ""))
                .hasMessage("SMART backend auth needs the kid of the registered public key");
        assertThatThrownBy(() ->
                        EhrAuth.smartBackend("bridge-client", PEM, "key-1").withScopes(Set.of()))
                .hasMessage("SMART backend auth needs at least one scope");
        assertThatThrownBy(() -> EhrAuth.smartBackend("bridge-client", PEM, "key-1")
                        .withScopes(Set.of("system/Patient.rs system/Basic.cru")))
                .hasMessage("a SMART scope must be one word without spaces");
        assertThatThrownBy(() -> EhrAuth.smartBackend("bridge-client", PEM, "key-1")
                        .withTokenEndpoint(URI.create("/oauth2/token")))
                .hasMessage("the SMART token endpoint must be an absolute http(s) URL");
        assertThatThrownBy(() -> KeySource.keyStore(Path.of("smart.p12"), "", "pass"))
                .hasMessage("a keystore key source needs the alias of the key");
    }

    @Test
    void neverShowsTheKeystorePassword() {
        SmartBackendAuth auth = EhrAuth.smartBackend(
                "bridge-client", KeySource.keyStore(Path.of("smart.p12"), "smart", "st0re-s3cret"), "key-1");

        assertThat(auth.toString()).contains("bridge-client", "smart.p12").doesNotContain("st0re-s3cret");
    }
}
