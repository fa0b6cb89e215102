package org.referralbridge.testehr;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RestHookSubscriptionIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(RestHookSubscriptionIntegrationTests.class);
    private static final String SECRET_HEADER = "X-Test-Secret";

    private final HapiJpaTestServer server = HapiJpaTestServer.shared();
    private final IGenericClient client = server.client();
    private RecordingReceiver receiver;
    private IdType subscriptionId;

    @BeforeEach
    void subscribe() throws Exception {
        receiver = new RecordingReceiver();
        Subscription subscription = new Subscription();
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("test-ehr fixture test");
        subscription.setCriteria("Patient?");
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(receiver.endpoint())
                .setPayload("application/fhir+json")
                .addHeader(SECRET_HEADER + ": s3cret");
        subscriptionId =
                (IdType) client.create().resource(subscription).execute().getId();
        await().atMost(60, SECONDS)
                .untilAsserted(() -> assertThat(client.read()
                                .resource(Subscription.class)
                                .withId(subscriptionId.getIdPart())
                                .execute()
                                .getStatus())
                        .isEqualTo(Subscription.SubscriptionStatus.ACTIVE));
    }

    @AfterEach
    void unsubscribe() {
        client.delete().resourceById("Subscription", subscriptionId.getIdPart()).execute();
        receiver.close();
    }

    @Test
    void deliversACreatedPatientAsPutWithIfMatchAndTheSubscriptionHeader() {
        Patient patient = new Patient();
        patient.addIdentifier()
                .setSystem("https://ehr.example/mrn")
                .setValue(UUID.randomUUID().toString());
        long written = System.nanoTime();
        String id = client.create().resource(patient).execute().getId().getIdPart();

        RecordingReceiver.Received delivery = await().atMost(90, SECONDS)
                .until(
                        () -> receiver.received().stream()
                                .filter(r -> r.path().equals("/notify/Patient/" + id))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();

        log.info("Rest-hook notification arrived {} ms after the write", (System.nanoTime() - written) / 1_000_000);
        assertThat(delivery.method()).isEqualTo("PUT");
        assertThat(delivery.header("If-Match")).isEqualTo("W/\"1\"");
        assertThat(delivery.header(SECRET_HEADER)).isEqualTo("s3cret");
        assertThat(delivery.header("Content-Type")).startsWith("application/fhir+json");
        Patient pushed = server.fhirContext().newJsonParser().parseResource(Patient.class, delivery.body());
        assertThat(pushed.getIdElement().getIdPart()).isEqualTo(id);
    }
}
