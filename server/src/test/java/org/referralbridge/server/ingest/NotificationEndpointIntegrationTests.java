package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notification endpoint as an EHR (or an attacker) meets it, over real HTTP. */
@IntegrationTest
class NotificationEndpointIntegrationTests {

    private static final String SECRET_HEADER = Notifications.SECRET_HEADER;
    private static final String SECRET = Notifications.SECRET;

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Notifications notifications;

    @BeforeEach
    void quietInbox() {
        notifications = new Notifications(port);
        // rows from other tests of this class must not be mistaken for this test's
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from inbox where status = 'pending'") == 0);
    }

    @Test
    void refusesWrongOrMissingSecretAndStoresNothing() throws Exception {
        long before = inboxRows();

        HttpResponse<String> missing = notifications.pushed("/Patient/p401", patientJson("p401"), null, null);
        HttpResponse<String> wrong = notifications.pushed("/Patient/p401", patientJson("p401"), "not-the-secret", null);
        HttpResponse<String> emptyPost = notifications.send(HttpRequest.newBuilder(notifications.uri(""))
                .header(SECRET_HEADER, "nope")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(List.of(missing, wrong, emptyPost)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(outcome(response).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.SECURITY);
            assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains(SECRET_HEADER);
        });
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void refusesMalformedAndNonFhirBodiesWithAnOutcomeNamingTheProblem() throws Exception {
        long before = inboxRows();

        assertRejected(
                notifications.pushed("/Patient/p1", "{\"resourceType\": \"Patient\", \"id\": ", SECRET, null),
                400,
                "not valid JSON");
        assertRejected(notifications.pushed("/Patient/p1", "[1, 2]", SECRET, null), 400, "expected a JSON object");
        assertRejected(
                notifications.pushed("/Patient/p1", "{\"hello\": \"world\"}", SECRET, null), 400, "no resourceType");
        assertRejected(
                notifications.pushed("/Patient/p1", "{\"resourceType\": \"Observation\"}", SECRET, null),
                400,
                "resourceType is Observation, expected Patient");
        assertRejected(
                notifications.pushed("/Patient/p1", patientJson("p2"), SECRET, null), 400, "id in the body differs");
        assertRejected(
                notifications.pushed("/Observation/o1", "{\"resourceType\": \"Observation\"}", SECRET, null),
                400,
                "does not watch Observation");
        assertRejected(
                notifications.send(HttpRequest.newBuilder(notifications.uri("/Patient/p1"))
                        .header(SECRET_HEADER, SECRET)
                        .header("Content-Type", "application/fhir+xml")
                        .PUT(HttpRequest.BodyPublishers.ofString("<Patient xmlns=\"http://hl7.org/fhir\"/>"))),
                415,
                "only FHIR JSON");
        assertRejected(
                notifications.send(HttpRequest.newBuilder(notifications.uri(""))
                        .header(SECRET_HEADER, SECRET)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(patientJson("p1")))),
                400,
                "must be a topic-based notification Bundle");

        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void refusesResourceTypesTheServiceDoesNotWatchOnEveryPathAndStoresNothing() throws Exception {
        long before = inboxRows();

        HttpResponse<String> pushed = notifications.pushed(
                "/Observation/o1", "{\"resourceType\":\"Observation\",\"id\":\"o1\"}", SECRET, "W/\"1\"");
        HttpResponse<String> deleted = notifications.send(HttpRequest.newBuilder(notifications.uri("/Observation/o1"))
                .header(SECRET_HEADER, SECRET)
                .DELETE());
        HttpResponse<String> focus = notifications.posted(topicNotification("Observation/o1", "Patient/p7"));
        HttpResponse<String> unknownFocus = notifications.posted(topicNotification("Jane/Doe"));

        assertRejected(pushed, 400, "does not watch Observation resources");
        assertRejected(deleted, 400, "does not watch Observation resources");
        assertRejected(
                focus,
                400,
                "notification event 1 has a focus of type Observation, which Referral Bridge does"
                        + " not watch; it watches Appointment, Consent, Coverage, Encounter, Patient, QuestionnaireResponse");
        assertRejected(unknownFocus, 400, "focus of type unknown to FHIR R4");
        assertThat(List.of(pushed, deleted, focus))
                .allSatisfy(response -> assertThat(
                                outcome(response).getIssueFirstRep().getCode())
                        .isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED));
        assertThat(inboxRows()).isEqualTo(before);

        long bundles = count("select count(*) from inbox where kind = 'notification-bundle'");
        assertThat(notifications.posted(topicNotification("Patient/p7")).statusCode())
                .isEqualTo(200);
        assertThat(count("select count(*) from inbox where kind = 'notification-bundle'"))
                .isEqualTo(bundles + 1);
    }

    @Test
    void refusesBodiesOverTheSizeLimitAndKeepsWorking() throws Exception {
        long before = inboxRows();
        String huge =
                "{\"resourceType\":\"Patient\",\"id\":\"big\",\"text\":{\"div\":\"" + "x".repeat(1_100_000) + "\"}}";

        assertRejected(
                notifications.pushed("/Patient/big", huge, SECRET, null),
                413,
                "larger than the limit of 1048576 bytes");
        // a chunked body declares no length: it is cut off at the limit all the same
        assertRejected(
                notifications.send(HttpRequest.newBuilder(notifications.uri("/Patient/big"))
                        .header(SECRET_HEADER, SECRET)
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))),
                413,
                "larger than the limit");
        assertThat(inboxRows()).isEqualTo(before);

        HttpResponse<String> fine = notifications.pushed("/Patient/small", patientJson("small"), SECRET, "W/\"1\"");
        assertThat(fine.statusCode()).isEqualTo(200);
        // the acknowledgement is a bare 200: no body, a declared length of zero (no chunked framing)
        assertThat(fine.body()).isEmpty();
        assertThat(fine.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(inboxRows()).isEqualTo(before + 1);
    }

    @Test
    void storesOneRowForAVersionDeliveredThreeTimes() throws Exception {
        long before = inboxRows();
        for (int i = 0; i < 3; i++) {
            assertThat(notifications
                            .pushed("/Patient/thrice", patientJson("thrice"), SECRET, "W/\"4\"")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(count("select count(*) from inbox where dedupe_key = 'Patient/thrice/_history/4'"))
                .isEqualTo(1);
        assertThat(inboxRows()).isEqualTo(before + 1);
    }

    @Test
    void oneReferralAndOneWriteBackWhenNotificationsRepeatAndWorkersRace() throws Exception {
        Ehr ehr = new Ehr(fhirContext, port);
        String advocateId = ehr.create(Patients.existing("RaceAdvocate"));
        String code = new AdminApi(port).enrol(advocateId);
        String referredId = ehr.create(Patients.referredWithCode("Raced", code));
        String body = fhirContext.newJsonParser().encodeResourceToString(ehr.patient(referredId));

        // the sandbox has delivered version 1 once; the EHR now delivers it again, three times, and a few times
        // without a version, all at once, so both inbox worker threads claim rows for the same patient together
        ExecutorService senders = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(() -> notifications
                    .pushed("/Patient/" + referredId, body, SECRET, "W/\"1\"")
                    .statusCode());
            deliveries.add(() -> notifications
                    .pushed("/Patient/" + referredId, body, SECRET, null)
                    .statusCode());
        }
        for (Future<Integer> status : senders.invokeAll(deliveries)) {
            assertThat(status.get()).isEqualTo(200);
        }
        senders.shutdown();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "2".equals(ehr.patient(referredId).getMeta().getVersionId()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from inbox where status = 'pending'") == 0
                        && count("select count(*) from outbox where status = 'pending'") == 0);
        assertThat(count("select count(*) from referral where referred_patient_id = '" + referredId + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from outbox where resource_id = '" + referredId + "'"))
                .isEqualTo(1);
        assertThat(ehr.patient(referredId).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void healthAndMetricsShowTheQueuesAndTheSubscriptions() throws Exception {
        HttpResponse<String> health =
                notifications.send(signedIn(URI.create("http://localhost:" + port + "/actuator/health")));
        HttpResponse<String> pending = notifications.send(signedIn(URI.create(
                "http://localhost:" + port + "/actuator/metrics/referralbridge.queue.pending?tag=queue:inbox")));
        HttpResponse<String> breaker = notifications.send(signedIn(
                URI.create("http://localhost:" + port + "/actuator/metrics/resilience4j.circuitbreaker.state")));
        HttpResponse<String> subscriptions =
                notifications.send(signedIn(URI.create("http://localhost:" + port + "/api/ehr/subscriptions")));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"queues\"", "\"inbox\"", "\"outbox\"", "\"ehrSubscriptions\"");
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("referralbridge.queue.pending");
        assertThat(breaker.statusCode()).isEqualTo(200);
        assertThat(subscriptions.body()).contains("\"healthy\":true", "Encounter?status=finished");
    }

    @Test
    void subscriptionsTheEhrActivatedShowActiveSecondsAfterTheirCreation() throws Exception {
        URI subscriptions = URI.create("http://localhost:" + port + "/api/ehr/subscriptions");

        // created as requested at start-up; the sandbox EHR activates them at once, the next full check is minutes away
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String body = notifications.send(signedIn(subscriptions)).body();
            assertThat(body).doesNotContain("\"requested\"");
            assertThat(body.split("\"status\":\"active\"", -1)).hasSize(EhrSubscriptions.CRITERIA.size() + 1);
            assertThat(body).contains("\"lastAction\":\"CREATED\"");
        });
    }

    @Test
    void storesOfAFullResourceNotificationOnlyIdsVersionsAndEventNumbers() throws Exception {
        Parameters status = new Parameters();
        status.addParameter().setName("subscription").setValue(new Reference("Subscription/full"));
        status.addParameter().setName("type").setValue(new CodeType("event-notification"));
        Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
        event.addPart().setName("event-number").setValue(new StringType("7"));
        event.addPart().setName("focus").setValue(new Reference("Patient/full7").setDisplay("Janet Quarrington"));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.addEntry().setFullUrl("urn:uuid:5b0d").setResource(status);
        Patient patient = Patients.existing("Quarrington");
        patient.setId("full7");
        patient.getMeta().setVersionId("3");
        patient.getNameFirstRep().addGiven("Janet");
        bundle.addEntry().setFullUrl("Patient/full7/_history/3").setResource(patient);

        HttpResponse<String> response =
                notifications.posted(fhirContext.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(200);
        String stored = jdbc.sql(
                        "select payload from inbox where kind = 'notification-bundle' order by id desc limit 1")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain("Quarrington", "Janet").contains("Subscription/full", "full7", "\"7\"");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from inbox where dedupe_key = 'Patient/full7/_history/3'") == 1);
    }

    @Test
    void refusesBundlesTheWorkerWouldRefuseNamingWhatIsWrong() throws Exception {
        long before = inboxRows();
        String status = "{\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subscription\","
                + "\"valueReference\":{\"reference\":\"Subscription/s1\"}},{\"name\":\"type\",\"valueCode\":"
                + "\"heartbeat\"}]}}";

        for (String type : List.of("document", "collection", "transaction")) {
            assertRejected(
                    notifications.posted(
                            "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + status + "]}"),
                    400,
                    "RB-2109 Bundle.type is " + type + ", expected history or subscription-notification");
        }
        assertRejected(
                notifications.posted("{\"resourceType\":\"Bundle\",\"entry\":[" + status + "]}"),
                400,
                "RB-2109 Bundle.type is missing");
        assertRejected(
                notifications.posted("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":\"Jane Doe\"}"),
                400,
                "RB-2110 Bundle.entry is not an array of objects");
        assertRejected(
                notifications.posted("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[\"Jane\"]}"),
                400,
                "RB-2110 Bundle.entry[0] is not a JSON object");
        assertRejected(
                notifications.posted("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"type\":\"history\"}"),
                400,
                "RB-2107 body has the key type twice in one object");
        assertRejected(
                notifications.send(HttpRequest.newBuilder(notifications.uri(""))
                        .header(SECRET_HEADER, SECRET)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                ("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"id\":\"Jos\u00e9\",\"entry\":["
                                                + status + "]}")
                                        .getBytes(StandardCharsets.ISO_8859_1)))),
                400,
                "RB-2108 body is not valid UTF-8");
        assertRejected(
                notifications.pushed(
                        "/Patient/p1", "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"id\":\"p2\"}", SECRET, null),
                400,
                "RB-2107 body has the key id twice in one object");
        assertRejected(
                notifications.pushed(
                        "/Patient/p1",
                        "{\"resourceType\":\"Patient\",\"resourceType\":\"Observation\",\"id\":\"p1\"}",
                        SECRET,
                        null),
                400,
                "RB-2107 body has the key resourceType twice in one object");

        assertThat(inboxRows()).isEqualTo(before);
    }

    /** An id-only topic-based notification with one event per focus, numbered from 1. */
    private String topicNotification(String... foci) {
        Parameters status = new Parameters();
        status.addParameter().setName("subscription").setValue(new Reference("Subscription/topic-" + foci.length));
        status.addParameter().setName("type").setValue(new CodeType("event-notification"));
        for (int i = 0; i < foci.length; i++) {
            Parameters.ParametersParameterComponent event =
                    status.addParameter().setName("notification-event");
            event.addPart().setName("event-number").setValue(new StringType(Integer.toString(i + 1)));
            event.addPart().setName("focus").setValue(new Reference(foci[i]));
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(status);
        return fhirContext.newJsonParser().encodeResourceToString(bundle);
    }

    private void assertRejected(HttpResponse<String> response, int status, String problem) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/fhir+json"));
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics())
                .contains(problem)
                .doesNotContain("Jane", "Doe", "Jos");
    }

    private OperationOutcome outcome(HttpResponse<String> response) {
        return fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private String patientJson(String id) {
        Patient patient = Patients.existing("Notified");
        patient.setId(id);
        return fhirContext.newJsonParser().encodeResourceToString(patient);
    }

    private long inboxRows() {
        return count("select count(*) from inbox");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static HttpRequest.Builder signedIn(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", AdminApi.authorization());
    }
}
