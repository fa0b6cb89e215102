package org.referralbridge.server.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.LogCapture;
import org.referralbridge.server.Patients;
import org.referralbridge.testehr.HapiJpaTestServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The {@code patient-view} service over real HTTP, called as an EHR's CDS client calls it (the spec's request shape,
 * a signed JWT per call), against the sandbox EHR: the cards for each consent state and viewer, and the refusal of a
 * client whose JWT is wrong.
 */
@IntegrationTest
class CdsHooksIntegrationTests {

    private static final CdsClientKeys KEYS = CdsClientKeys.generate();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STAFF = "https://staff.example.org";
    private static final String SERVICE = "/cds-services/referral-bridge-patient-view";
    private static final String CLINICIAN = "Practitioner/example";
    private static final String PORTAL = "Patient/portal-user";

    @DynamicPropertySource
    static void trustTheTestClient(DynamicPropertyRegistry registry) {
        registry.add("referralbridge.cds.clients[0].issuer", () -> CdsClientKeys.ISSUER);
        registry.add("referralbridge.cds.clients[0].jwks", KEYS::publicJwks);
        registry.add("referralbridge.cds.patient-viewer-recognition-channels", () -> "office-display");
        registry.add("referralbridge.cds.staff-app-url", () -> STAFF);
        // the hook's fhirServer we may read from: a real HAPI FHIR JPA server standing in for the EHR's FHIR API
        registry.add(
                "referralbridge.cds.clients[0].fhir-servers",
                () -> HapiJpaTestServer.shared().baseUrl());
        // the front desk's free-text "referred by" opens a review item, as at a clinic that uses it
        registry.add("referralbridge.mapping.directory", () -> "src/test/resources/mapping-profiles");
        registry.add("referralbridge.mapping.profile", () -> "front-desk-free-text");
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ObjectMapper json;

    private Ehr ehr;
    private AdminApi admin;
    private RestClient api;
    private RestClient anonymous;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final LogCapture logs = new LogCapture();
    private final List<String> names = new ArrayList<>();

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        admin = new AdminApi(port);
        api = AdminApi.client(port);
        anonymous = RestClient.builder().baseUrl("http://localhost:" + port).build();
        logs.attach();
        org.slf4j.LoggerFactory.getLogger(CdsHooksIntegrationTests.class).info("log capture attached");
    }

    @AfterEach
    void logsHoldNoPhi() {
        logs.detach();
        assertThat(logs.text()).contains("log capture attached");
        for (String name : names) {
            assertThat(logs.text()).as("the logs name no patient").doesNotContain(name);
        }
    }

    @Test
    void discoveryListsThePatientViewServiceWithItsPatientPrefetch() {
        JsonNode discovery = anonymous.get().uri("/cds-services").retrieve().body(JsonNode.class);

        JsonNode service = discovery.get("services").get(0);
        assertThat(discovery.get("services")).hasSize(1);
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        assertThat(service.get("id").asText()).isEqualTo("referral-bridge-patient-view");
        assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(service.get("description").asText()).isNotBlank();
    }

    /**
     * Three states of the referred patient's disclosure consent (naming the referrer) times three states of the
     * referrer's recognition consent (office display), each seen by a clinician and by a patient-facing viewer.
     */
    @Test
    void theCardsFollowEachConsentStateAndTheViewer() {
        for (State disclosure : State.values()) {
            for (State recognition : State.values()) {
                String label = "disclosure " + disclosure + ", recognition " + recognition;
                String family = "Cdsadvocate" + letters(disclosure, recognition);
                names.add(family);
                String advocate = ehr.create(Patients.existing(family));
                String code = admin.enrol(advocate);
                String referred = ehr.create(Patients.referredWithCode("Cdsreferred", code));
                await().atMost(WAIT)
                        .until(() -> admin.referralOf(referred), r -> r != null && "LINKED".equals(r.get("status")));
                consent(
                        disclosure,
                        Map.of(
                                "kind",
                                "referral-disclosure",
                                "patientId",
                                referred,
                                "actorPatientId",
                                advocate,
                                "decision",
                                "permit"));
                consent(
                        recognition,
                        Map.of(
                                "kind",
                                "referrer-recognition",
                                "patientId",
                                advocate,
                                "channels",
                                List.of("office-display"),
                                "decision",
                                "permit"));

                List<JsonNode> clinician = cards(request(referred, CLINICIAN));
                assertThat(summaries(clinician))
                        .as(label + ", clinician")
                        .containsExactly(
                                referredBy("Test " + family),
                                disclosure == State.PRESENT
                                        ? "Consent on file: may thank the referrer by name"
                                        : "No consent on file: do not tell the referrer this patient came");
                assertThat(clinician.get(0).get("links").get(0).get("url").asText())
                        .isEqualTo(STAFF + "/front-desk/consents?patient=" + referred);
                assertThat(clinician.get(1).get("links").get(0).get("type").asText())
                        .isEqualTo("absolute");
                assertThat(clinician).allSatisfy(card -> {
                    assertThat(card.get("indicator").asText()).isEqualTo("info");
                    assertThat(card.get("source").get("label").asText()).isEqualTo("Referral Bridge");
                    assertThat(UUID.fromString(card.get("uuid").asText())).isNotNull();
                });

                List<JsonNode> portal = cards(request(referred, PORTAL));
                assertThat(summaries(portal))
                        .as(label + ", patient-facing viewer")
                        .containsExactly(referredBy(
                                recognition == State.PRESENT ? "Test " + family : "another patient (name not shown)"));
                assertThat(portal.get(0).get("links"))
                        .as("no staff-app links for a patient")
                        .isEmpty();
                assertThat(portal.get(0).toString()).doesNotContain("Referral code", code);
                if (recognition != State.PRESENT) {
                    assertThat(portal.get(0).toString()).doesNotContain(family);
                }
            }
        }
    }

    @Test
    void anAdvocateSeesTheirSuccessesAndTheTierTheirPrefetchedRecordShows() throws Exception {
        names.add("Cdstiered");
        String advocate = ehr.create(Patients.existing("Cdstiered"));
        String code = admin.enrol(advocate);
        Patient prefetched = ehr.patient(advocate);
        Extension extension = prefetched.getExtensionByUrl(Canonicals.ReferralAdvocate.URL);
        if (extension == null) {
            extension = prefetched.addExtension().setUrl(Canonicals.ReferralAdvocate.URL);
            extension.addExtension(Canonicals.ReferralAdvocate.CODE, new StringType(code));
        }
        extension.getExtension().removeIf(part -> Canonicals.ReferralAdvocate.TIER.equals(part.getUrl()));
        extension.addExtension(Canonicals.ReferralAdvocate.TIER, new StringType("silver"));
        ObjectNode request = request(advocate, CLINICIAN);
        ((ObjectNode) request.get("prefetch"))
                .set("patient", json.readTree(fhirContext.newJsonParser().encodeResourceToString(prefetched)));

        List<JsonNode> withPrefetch = cards(request);
        List<JsonNode> withoutPrefetch = cards(request(advocate, CLINICIAN));

        assertThat(summaries(withPrefetch)).containsExactly("Advocate: 0 successful referrals, tier silver");
        assertThat(withPrefetch.get(0).get("detail").asText()).contains("Referral code " + code);
        assertThat(withPrefetch.get(0).get("links").get(0).get("url").asText())
                .isEqualTo(STAFF + "/front-desk/advocates/" + code + "/card");
        assertThat(summaries(withoutPrefetch))
                .as("read from the EHR, which has no tier for them")
                .containsExactly("Advocate: 0 successful referrals");
    }

    /**
     * The spec's example request (fhirServer, fhirAuthorization, no prefetch): the Patient is read from the hook's
     * FHIR server with its token when the client may send us there, and from our own EHR connection when not.
     */
    @Test
    void withoutAPrefetchThePatientIsReadFromTheHooksFhirServerWithItsAuthorization() {
        String id = "cds-tiered-" + UUID.randomUUID().toString().substring(0, 8);
        Patient atTheFrontDesk = Patients.existing("Cdsfetched");
        atTheFrontDesk.setId(id);
        ehr.client().update().resource(atTheFrontDesk).execute();
        String code = admin.enrol(id);
        Patient inTheHooksServer = Patients.existing("Cdsfetched");
        inTheHooksServer.setId(id);
        Extension extension = inTheHooksServer.addExtension().setUrl(Canonicals.ReferralAdvocate.URL);
        extension.addExtension(Canonicals.ReferralAdvocate.CODE, new StringType(code));
        extension.addExtension(Canonicals.ReferralAdvocate.TIER, new StringType("gold"));
        fhirContext
                .getRestfulClientFactory()
                .setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
        fhirContext
                .newRestfulGenericClient(HapiJpaTestServer.shared().baseUrl())
                .update()
                .resource(inTheHooksServer)
                .execute();

        ObjectNode allowed = specExample(id, HapiJpaTestServer.shared().baseUrl());
        ObjectNode elsewhere = specExample(id, "http://hooks.smarthealthit.org:9080");

        assertThat(summaries(cards(allowed))).containsExactly("Advocate: 0 successful referrals, tier gold");
        assertThat(summaries(cards(elsewhere)))
                .as("a FHIR server the client may not send us to is not called: our EHR has no tier for them")
                .containsExactly("Advocate: 0 successful referrals");
    }

    @Test
    void aReferralWaitingForReviewShowsAWarningToTheClinicianOnly() {
        String named = ehr.create(Patients.person("Cdsnamed", "Referrer", "1961-03-04"));
        admin.enrol(named);
        names.add("Cdsnamed");
        org.hl7.fhir.r4.model.Patient referred = Patients.existing("Cdsreviewed");
        referred.addExtension(
                "http://clinic.example.org/fhir/StructureDefinition/referred-by", new StringType("Cdsnamed Referrer"));
        String referredId = ehr.create(referred);
        await().atMost(WAIT)
                .until(() -> admin.referralOf(referredId), r -> r != null && "IN_REVIEW".equals(r.get("status")));

        List<JsonNode> clinician = cards(request(referredId, CLINICIAN));
        List<JsonNode> portal = cards(request(referredId, PORTAL));

        JsonNode warning = clinician.stream()
                .filter(card -> card.get("indicator").asText().equals("warning"))
                .findFirst()
                .orElseThrow();
        assertThat(warning.get("summary").asText()).startsWith("Referral needs review: ");
        assertThat(warning.get("links").get(0).get("url").asText()).startsWith(STAFF + "/front-desk/review/");
        assertThat(portal)
                .noneSatisfy(card -> assertThat(card.get("indicator").asText()).isEqualTo("warning"));
    }

    @Test
    void aPatientTheProgramDoesNotKnowGetsNoCards() {
        String stranger = ehr.create(Patients.existing("Cdsstranger"));

        assertThat(cards(request(stranger, CLINICIAN))).isEmpty();
    }

    @Test
    void aClientWhoseJwtIsWrongGets401AndNoCards() {
        String patient = ehr.create(Patients.existing("Cdsrefused"));
        String body = request(patient, CLINICIAN).toString();
        String audience = "http://localhost:" + port + SERVICE;
        CdsClientKeys stranger = CdsClientKeys.generate();

        Map<String, String> wrong = Map.of(
                "no token", "",
                "a stranger's key", "Bearer " + stranger.token(audience),
                "another service's audience", "Bearer " + KEYS.token("https://other.example.org" + SERVICE),
                "an unknown issuer", "Bearer " + KEYS.token(audience, c -> c.issuer("https://evil.example.org/")),
                "HS256",
                        "Bearer "
                                + KEYS.hs256(CdsClientKeys.claims(audience, java.time.Instant.now())
                                        .build()),
                "staff Basic auth", AdminApi.authorization());
        wrong.forEach((what, authorization) -> {
            var response = anonymous
                    .post()
                    .uri(SERVICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (!authorization.isEmpty()) {
                            headers.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                    })
                    .body(body)
                    .exchange((req, res) -> Map.entry(
                            res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(response.getKey()).as(what).isEqualTo(401);
            assertThat(response.getValue()).as(what).contains("RB-2401").doesNotContain("cards");
        });

        String token = KEYS.token(audience);
        assertThat(post(body, token).getKey()).isEqualTo(200);
        assertThat(post(body, token).getKey()).as("the same token again").isEqualTo(401);
    }

    @Test
    void aMalformedRequestGets400NamingWhatIsWrong() {
        String audience = "http://localhost:" + port + SERVICE;
        assertThat(post("{\"hook\":\"patient-view\"", KEYS.token(audience)))
                .satisfies(r -> assertThat(r.getKey()).isEqualTo(400))
                .satisfies(r -> assertThat(r.getValue()).contains("RB-2402", "not JSON"));
        assertThat(post(
                        "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"1\"}}",
                        KEYS.token(audience)))
                .satisfies(r -> assertThat(r.getValue()).contains("patient-view hook"));
        assertThat(post(
                        "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"1\",\"patientId\":\"2\"}}",
                        KEYS.token(audience)))
                .satisfies(r -> assertThat(r.getKey()).isEqualTo(400))
                .satisfies(r -> assertThat(r.getValue()).contains("Duplicate field 'patientId'"));
        ObjectNode wrongPrefetch = request("1", CLINICIAN);
        ((ObjectNode) wrongPrefetch.get("prefetch"))
                .set(
                        "patient",
                        json.createObjectNode()
                                .put("resourceType", "Observation")
                                .put("status", "final"));
        assertThat(post(wrongPrefetch.toString(), KEYS.token(audience)))
                .satisfies(r -> assertThat(r.getKey()).isEqualTo(400))
                .satisfies(r -> assertThat(r.getValue()).contains("prefetch.patient is a Observation"));
    }

    private enum State {
        PRESENT,
        ABSENT,
        REVOKED
    }

    @Test
    void theClientsFeedbackOnOurCardsIsCountedByOutcome() {
        String audience = "http://localhost:" + port + SERVICE + "/feedback";
        double acceptedBefore = feedbackCount("accepted");
        String body = """
                {"feedback":[
                  {"card":"9368d37b-283f-44a0-93ea-547cebab93ed","outcome":"accepted",
                   "acceptedSuggestions":[],"outcomeTimestamp":"2026-12-04T10:15:00Z"},
                  {"card":"7b1f3e1a-2a0c-4c1e-9b5e-1f2d3c4b5a69","outcome":"overridden",
                   "overrideReason":{"reason":{"code":"not-relevant"}},"outcomeTimestamp":"2026-12-04T10:16:00Z"}]}""";

        Map.Entry<Integer, String> answer = feedback(body, KEYS.token(audience));

        assertThat(answer.getKey()).as(answer.getValue()).isEqualTo(200);
        assertThat(feedbackCount("accepted")).isEqualTo(acceptedBefore + 1);
        assertThat(feedbackCount("overridden")).isGreaterThanOrEqualTo(1);
        Map.Entry<Integer, String> replayed = feedback(body, null);
        assertThat(replayed.getKey()).isEqualTo(401);
        assertThat(feedback(body, KEYS.token("http://localhost:" + port + SERVICE))
                        .getKey())
                .as("a token for the service, not its feedback address")
                .isEqualTo(401);
        Map.Entry<Integer, String> bad = feedback(
                "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"now\"}]}",
                KEYS.token(audience));
        assertThat(bad.getKey()).isEqualTo(400);
        assertThat(bad.getValue()).contains("RB-2402", "feedback[0].outcome must be accepted or overridden");
        assertThat(feedback("{\"feedback\":[]}", KEYS.token(audience)).getValue())
                .contains("feedback must be a non-empty array");
    }

    private double feedbackCount(String outcome) {
        io.micrometer.core.instrument.Counter counter = meters.find("referralbridge.cds.feedback")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Map.Entry<Integer, String> feedback(String body, String token) {
        var request = anonymous.post().uri(SERVICE + "/feedback").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.body(body)
                .exchange((req, res) -> Map.entry(
                        res.getStatusCode().value(),
                        new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void consent(State state, Map<String, Object> body) {
        if (state == State.ABSENT) {
            return;
        }
        List<Map<String, Object>> recorded = api.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
        if (state == State.REVOKED) {
            api.post()
                    .uri("/api/consents/{id}/revoke", recorded.get(0).get("statementId"))
                    .retrieve()
                    .toBodilessEntity();
        }
    }

    /** A request shaped as the spec's patient-view example, for this patient and viewer, without a prefetch. */
    private ObjectNode request(String patientId, String userId) {
        ObjectNode request = json.createObjectNode();
        request.put("hookInstance", UUID.randomUUID().toString());
        request.put("hook", "patient-view");
        ObjectNode context = request.putObject("context");
        context.put("userId", userId);
        context.put("patientId", patientId);
        request.putObject("prefetch").putNull("patient");
        return request;
    }

    /** The patient-view request of the CDS Hooks 2.0 specification's example, for our patient. */
    private ObjectNode specExample(String patientId, String fhirServer) {
        ObjectNode request = json.createObjectNode();
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        request.put("fhirServer", fhirServer);
        request.put("hook", "patient-view");
        ObjectNode authorization = request.putObject("fhirAuthorization");
        authorization.put("access_token", "some-opaque-fhir-access-token");
        authorization.put("token_type", "Bearer");
        authorization.put("expires_in", 300);
        authorization.put("scope", "user/Patient.read user/Observation.read");
        authorization.put("subject", "cds-service4");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patientId);
        context.put("encounterId", "89284");
        return request;
    }

    private List<JsonNode> cards(ObjectNode request) {
        Map.Entry<Integer, String> response =
                post(request.toString(), KEYS.token("http://localhost:" + port + SERVICE));
        assertThat(response.getKey()).as(response.getValue()).isEqualTo(200);
        try {
            JsonNode cards = json.readTree(response.getValue()).get("cards");
            return StreamSupport.stream(cards.spliterator(), false).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Map.Entry<Integer, String> post(String body, String token) {
        return anonymous
                .post()
                .uri(SERVICE)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .body(body)
                .exchange((req, res) -> Map.entry(
                        res.getStatusCode().value(),
                        new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<String> summaries(List<JsonNode> cards) {
        return cards.stream().map(card -> card.get("summary").asText()).toList();
    }

    private static String referredBy(String who) {
        return "Referred by " + who + " on "
                + java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.US)
                        .format(java.time.LocalDate.now(java.time.ZoneId.systemDefault()))
                + ", channel friend or family";
    }

    private static String letters(State disclosure, State recognition) {
        return "" + (char) ('a' + disclosure.ordinal()) + (char) ('a' + recognition.ordinal());
    }
}
