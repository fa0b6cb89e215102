package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EhrConnectionTests {

    @Test
    void dropsATrailingSlashFromTheBaseUrl() {
        assertThat(EhrConnection.to("https://ehr.example/fhir/").currentBaseUrl())
                .isEqualTo("https://ehr.example/fhir");
    }

    @Test
    void saysSoWhenTheBaseUrlIsNotKnownYet() {
        EhrConnection connection = EhrConnection.to(() -> null);

        assertThatThrownBy(connection::currentBaseUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EHR base URL is not known yet");
    }

    @Test
    void refusesZeroTimeoutsAndNegativeRetries() {
        EhrConnection connection = EhrConnection.to("https://ehr.example/fhir");

        assertThatThrownBy(() -> connection.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("connectTimeout must be positive");
        assertThatThrownBy(() -> connection.withMaxVersionConflictRetries(-1))
                .hasMessage("maxVersionConflictRetries must be >= 0");
    }

    @Test
    void neverShowsSecretsOfTheAuth() {
        assertThat(EhrAuth.basic("bridge", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(EhrAuth.bearer("t0ken").toString()).doesNotContain("t0ken");
    }
}
