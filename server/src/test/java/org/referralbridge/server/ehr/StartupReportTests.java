package org.referralbridge.server.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupReportTests {

    @Test
    void masksTheUserAndPasswordOfAnEhrUrl() {
        assertThat(StartupReport.masked("https://svc:s3cret@ehr.example.org/fhir"))
                .isEqualTo("https://***@ehr.example.org/fhir");
        assertThat(StartupReport.masked("https://ehr.example.org/fhir")).isEqualTo("https://ehr.example.org/fhir");
    }

    @Test
    void dropsCredentialsAndOptionsFromJdbcUrls() {
        assertThat(StartupReport.withoutCredentials("jdbc:postgresql://rb:pw@db:5432/rb?password=pw&user=rb"))
                .isEqualTo("jdbc:postgresql://db:5432/rb");
        assertThat(StartupReport.withoutCredentials("jdbc:h2:file:./data/rb;PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:./data/rb");
    }
}
