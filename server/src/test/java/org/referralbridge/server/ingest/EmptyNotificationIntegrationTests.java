package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A rest-hook without payload is an empty POST that says only "something changed": the service searches the EHR
 * for it at once (the scheduled catch-up is far away here).
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.catch-up.interval=1h")
class EmptyNotificationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    SandboxEhr sandbox;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reliableAgain() {
        sandbox.deliverNotificationsOnlyFor(subject -> true);
    }

    @Test
    void emptyPostMakesTheServiceFindTheChangeItself() throws Exception {
        Ehr ehr = new Ehr(fhirContext, port);
        String code = new AdminApi(port).enrol(ehr.create(Patients.existing("Pinged")));
        sandbox.deliverNotificationsOnlyFor(subject -> false);
        String referred = ehr.create(Patients.referredWithCode("Silent", code));
        assertThat(referralCount(referred)).isZero();

        HttpResponse<String> ping = new Notifications(port).posted(null);

        assertThat(ping.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> referralCount(referred) == 1);
    }

    private long referralCount(String patientId) {
        return jdbc.sql("select count(*) from referral where referred_patient_id = ? and status = 'LINKED'")
                .param(patientId)
                .query(Long.class)
                .single();
    }
}
