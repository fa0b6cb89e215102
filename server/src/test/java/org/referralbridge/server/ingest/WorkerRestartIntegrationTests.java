package org.referralbridge.server.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.Instances;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance shut down while a worker is in the middle of an item: the item is not lost and not done twice; after a
 * restart (here: another instance on the same database) it is processed once, when the lease of the first attempt
 * has run out.
 */
class WorkerRestartIntegrationTests {

    private static final WireMockServer PROXY = new WireMockServer(options().dynamicPort());
    private static ConfigurableApplicationContext ehrHost;

    @BeforeAll
    static void anEhrBehindAProxy() {
        PROXY.start();
        ehrHost = Instances.start(
                Instances.schema(WorkerRestartIntegrationTests.class),
                Map.of("referralbridge.sandbox.enabled", "true"));
        ehrHost.getBean(SandboxEhr.class).deliverNotificationsOnlyFor(subject -> false);
        PROXY.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + Instances.port(ehrHost))));
    }

    @AfterAll
    static void stop() {
        ehrHost.close();
        PROXY.stop();
    }

    @Test
    void itemInProgressWhenTheInstanceStopsIsProcessedOnceAfterRestart() throws Exception {
        String schema = Instances.schema(ServiceSchema.class);
        Map<String, Object> service = Map.of(
                "referralbridge.sandbox.enabled", "false",
                "referralbridge.ehr.base-url", PROXY.baseUrl() + "/sandbox/fhir",
                "referralbridge.ingest.worker.threads", "1",
                "referralbridge.ingest.worker.lease", "3s",
                "referralbridge.catch-up.interval", "1h");
        Ehr ehr = new Ehr(ehrHost.getBean(FhirContext.class), Instances.port(ehrHost));
        ConfigurableApplicationContext first = Instances.start(schema, service);
        String code = new AdminApi(Instances.port(first)).enrol(ehr.create(Patients.existing("Patient")));
        String referred = ehr.create(Patients.referredWithCode("Interrupted", code));
        // the EHR is slow to answer for this patient: the worker will be waiting on it when the instance stops
        PROXY.stubFor(get(urlPathEqualTo("/sandbox/fhir/Patient/" + referred))
                .atPriority(1)
                .willReturn(
                        aResponse().withFixedDelay(25_000).proxiedFrom("http://localhost:" + Instances.port(ehrHost))));

        assertThat(notify(Instances.port(first), referred)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> PROXY.verify(getRequestedFor(urlPathEqualTo("/sandbox/fhir/Patient/" + referred))));
        first.close();

        PROXY.resetAll();
        PROXY.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + Instances.port(ehrHost))));
        ConfigurableApplicationContext second = Instances.start(schema, service);
        try {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "2".equals(ehr.patient(referred).getMeta().getVersionId()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("select count(*) from inbox where status <> 'done'")
                                    .query(Long.class)
                                    .single()
                            == 0);

            assertThat(jdbc.sql("select attempts from inbox where resource_id = ?")
                            .param(referred)
                            .query(Integer.class)
                            .list())
                    .as("the interrupted attempt and the one that finished")
                    .containsExactly(2);
            assertThat(jdbc.sql("select count(*) from referral where referred_patient_id = ?")
                            .param(referred)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            PROXY.verify(1, putRequestedFor(urlPathEqualTo("/sandbox/fhir/Patient/" + referred)));
        } finally {
            second.close();
        }
    }

    private static int notify(int port, String patientId) throws Exception {
        return new Notifications(port)
                .pushed(
                        "/Patient/" + patientId,
                        "{\"resourceType\":\"Patient\",\"id\":\"" + patientId + "\"}",
                        Notifications.SECRET,
                        "W/\"1\"")
                .statusCode();
    }

    /** Names the service instances' schema, apart from the EHR host's. */
    private static final class ServiceSchema {}
}
