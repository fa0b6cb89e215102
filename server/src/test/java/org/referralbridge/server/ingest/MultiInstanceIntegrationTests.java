package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
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
 * Two service instances on one PostgreSQL, two inbox workers each, and an EHR that delivers every notification
 * three times, shuffled, to either instance: exactly one referral and one write-back per patient.
 */
class MultiInstanceIntegrationTests {

    private static final int PATIENTS = 12;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        String schema = Instances.schema(MultiInstanceIntegrationTests.class);
        Map<String, Object> common = Map.of(
                "referralbridge.ingest.worker.threads", "2",
                "referralbridge.catch-up.interval", "1h");
        Instances.Cluster cluster = Instances.cluster(schema, common);
        first = cluster.first();
        second = cluster.second();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void repeatedShuffledDeliveriesToTwoInstancesLinkAndWriteEachReferralOnce() throws Exception {
        FhirContext fhirContext = first.getBean(FhirContext.class);
        Ehr ehr = new Ehr(fhirContext, Instances.port(first));
        String code = new AdminApi(Instances.port(first)).enrol(ehr.create(Patients.existing("Shared")));
        // from here on the test is the EHR's notification queue
        first.getBean(SandboxEhr.class).deliverNotificationsOnlyFor(subject -> false);
        List<String> referred = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            String id = ehr.create(Patients.referredWithCode("Clustered" + i, code));
            referred.add(id);
            bodies.add(fhirContext.newJsonParser().encodeResourceToString(ehr.patient(id)));
        }

        List<Callable<Integer>> deliveries = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < PATIENTS; i++) {
            for (int copy = 0; copy < 3; copy++) {
                int port = Instances.port(random.nextBoolean() ? first : second);
                String id = referred.get(i);
                String body = bodies.get(i);
                deliveries.add(() -> new Notifications(port)
                        .pushed("/Patient/" + id, body, Notifications.SECRET, "W/\"1\"")
                        .statusCode());
            }
        }
        Collections.shuffle(deliveries, random);
        ExecutorService ehrQueue = Executors.newFixedThreadPool(8);
        for (Future<Integer> status : ehrQueue.invokeAll(deliveries)) {
            assertThat(status.get()).isEqualTo(200);
        }
        ehrQueue.shutdown();

        JdbcClient jdbc = first.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(jdbc, "select count(*) from referral where status = 'LINKED'") == PATIENTS
                        && count(jdbc, "select count(*) from inbox where status = 'pending'") == 0
                        && count(jdbc, "select count(*) from outbox where status = 'pending'") == 0);

        assertThat(count(jdbc, "select count(*) from referral")).isEqualTo(PATIENTS);
        assertThat(count(jdbc, "select count(*) from outbox where kind = 'referrer-reference'"))
                .isEqualTo(PATIENTS);
        assertThat(count(jdbc, "select count(*) from outbox where status = 'done'"))
                .isEqualTo(PATIENTS + 1);
        for (String id : referred) {
            assertThat(ehr.patient(id).getMeta().getVersionId())
                    .as("Patient/%s written once", id)
                    .isEqualTo("2");
            Bundle provenance = ehr.client()
                    .search()
                    .forResource(Provenance.class)
                    .where(Provenance.TARGET.hasId("Patient/" + id))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(provenance.getEntry()).hasSize(1);
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
