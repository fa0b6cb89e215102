package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * {@link EhrClient#updateExtension} against a real HAPI FHIR JPA server: only our extension changes, by JSON Patch
 * where the server offers it (HAPI JPA does) and by a PUT of the resource as read otherwise; everything else of the
 * Patient reads back exactly as before.
 */
class EhrClientJpaServerIntegrationTests {

    static final String OUR_EXTENSION = "https://referralbridge.org/fhir/StructureDefinition/referral-advocate";

    private final HapiJpaTestServer server = HapiJpaTestServer.shared(
            HapiJpaTestServer.Options.defaults().withBeanPackages("org.referralbridge.fhirplugin.hapi"));
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Operations operations = new Operations();

    @BeforeEach
    void recordOperations() {
        server.registerInterceptor(operations);
        server.bean(RestfulServer.class).registerInterceptor(operations);
    }

    @AfterEach
    void stopRecording() {
        server.unregisterInterceptor(operations);
        server.bean(RestfulServer.class).unregisterInterceptor(operations);
    }

    @Test
    void patchesOnlyOurExtensionAndLeavesEverythingElseAsItWas() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        JsonNode before = readRaw(id);

        WriteOutcome outcome = client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("1")));

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", id, "2"));
        assertThat(operations.seen).contains(RestOperationTypeEnum.PATCH).doesNotContain(RestOperationTypeEnum.UPDATE);
        JsonNode after = readRaw(id);
        assertThat(RichPatients.withoutMetaAndExtension(after, OUR_EXTENSION))
                .isEqualTo(RichPatients.withoutMetaAndExtension(before, OUR_EXTENSION));
        assertThat(ourExtensions(after)).containsExactly(ours("1"));
    }

    @Test
    void replacesOurExtensionInItsPlaceByPatch() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("1")));
        JsonNode before = readRaw(id);

        WriteOutcome outcome = client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("2")));

        assertThat(outcome.versionId()).isEqualTo("3");
        JsonNode after = readRaw(id);
        assertThat(ourExtensions(after)).containsExactly(ours("2"));
        assertThat(RichPatients.withoutMetaAndExtension(after, OUR_EXTENSION))
                .isEqualTo(RichPatients.withoutMetaAndExtension(before, OUR_EXTENSION));
    }

    @Test
    void putsTheResourceAsReadWithOnlyOurExtensionChangedWhereNoPatchIsUsed() throws Exception {
        EhrClient client =
                new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()), Clock.systemUTC(), false);
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        JsonNode before = readRaw(id);

        WriteOutcome outcome = client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("1")));

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", id, "2"));
        assertThat(operations.seen).contains(RestOperationTypeEnum.UPDATE).doesNotContain(RestOperationTypeEnum.PATCH);
        JsonNode after = readRaw(id);
        assertThat(RichPatients.withoutMetaAndExtension(after, OUR_EXTENSION))
                .isEqualTo(RichPatients.withoutMetaAndExtension(before, OUR_EXTENSION));
        assertThat(ourExtensions(after)).containsExactly(ours("1"));
    }

    @Test
    void writesNothingWhenOurExtensionIsAlreadyRight() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("1")));

        WriteOutcome outcome = client.updateExtension(
                "Patient",
                id,
                OUR_EXTENSION,
                current -> current.equals(ours("1")) ? Optional.empty() : Optional.of(ours("1")));

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.UNCHANGED, "Patient", id, "2"));
    }

    @Test
    void refusesAResourceCarryingOurExtensionTwice() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        ObjectNode patient = RichPatients.json(UUID.randomUUID().toString());
        ((ArrayNode) patient.get("extension")).add(ours("1")).add(ours("2"));
        String id = create(patient);

        assertThatThrownBy(
                        () -> client.updateExtension("Patient", id, OUR_EXTENSION, current -> Optional.of(ours("3"))))
                .isInstanceOf(EhrWriteRefused.class)
                .hasMessage("Refused to update Patient/" + id + ": it carries 2 extensions " + OUR_EXTENSION
                        + ", so which one to change is unclear");
        assertThat(readRaw(id).path("meta").path("versionId").asText()).isEqualTo("1");
    }

    @Test
    void patchesSeveralPatientsFromOneSearchWithoutReadingEach() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(RichPatients.json(UUID.randomUUID().toString())));
        }
        Map<String, JsonNode> before = new HashMap<>();
        for (String id : ids) {
            before.put(id, readRaw(id));
        }
        operations.requests.clear();

        Map<String, CurrentJson> current = client.currentJson("Patient", ids);
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (String id : ids) {
            outcomes.add(client.updateExtension(
                    "Patient", id, OUR_EXTENSION, found -> Optional.of(ours("1")), current.get(id)));
        }

        assertThat(current).containsOnlyKeys(ids);
        assertThat(current.values()).extracting(CurrentJson::versionId).containsOnly("1");
        assertThat(outcomes)
                .extracting(WriteOutcome::result, WriteOutcome::versionId)
                .containsOnly(tuple(WriteOutcome.Result.WRITTEN, "2"));
        assertThat(operations.requests)
                .containsExactly(
                        RestOperationTypeEnum.SEARCH_TYPE,
                        RestOperationTypeEnum.PATCH,
                        RestOperationTypeEnum.PATCH,
                        RestOperationTypeEnum.PATCH);
        for (String id : ids) {
            JsonNode after = readRaw(id);
            assertThat(RichPatients.withoutMetaAndExtension(after, OUR_EXTENSION))
                    .isEqualTo(RichPatients.withoutMetaAndExtension(before.get(id), OUR_EXTENSION));
            assertThat(ourExtensions(after)).containsExactly(ours("1"));
        }
    }

    @Test
    void aPatientChangedSinceTheSearchIsReadAgainAndItsChangeKept() throws Exception {
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        CurrentJson stale = client.currentJson("Patient", List.of(id)).get(id);
        ObjectNode changed = (ObjectNode) readRaw(id);
        changed.put("gender", "female");
        put(id, changed);

        WriteOutcome outcome =
                client.updateExtension("Patient", id, OUR_EXTENSION, found -> Optional.of(ours("1")), stale);

        assertThat(stale.versionId()).isEqualTo("1");
        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", id, "3"));
        JsonNode after = readRaw(id);
        assertThat(after.path("gender").asText()).isEqualTo("female");
        assertThat(ourExtensions(after)).containsExactly(ours("1"));
    }

    @Test
    void searchesForNothingWhereTheResourceIsWrittenWhole() throws Exception {
        EhrClient client =
                new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()), Clock.systemUTC(), false);
        String id = create(RichPatients.json(UUID.randomUUID().toString()));
        operations.requests.clear();

        Map<String, CurrentJson> current = client.currentJson("Patient", List.of(id));

        assertThat(current).isEmpty();
        assertThat(operations.requests).isEmpty();
    }

    private void put(String id, JsonNode patient) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient/" + id))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(patient)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private ObjectNode ours(String code) {
        ObjectNode extension = json.createObjectNode().put("url", OUR_EXTENSION);
        extension.putArray("extension").addObject().put("url", "code").put("valueString", code);
        return extension;
    }

    private List<JsonNode> ourExtensions(JsonNode patient) {
        return RichPatients.extensions(patient, OUR_EXTENSION);
    }

    private String create(ObjectNode patient) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(patient)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asText();
    }

    private JsonNode readRaw(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient/" + id))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The REST operations that changed a stored resource while a test ran. */
    @Interceptor
    static final class Operations {

        final List<RestOperationTypeEnum> seen = new CopyOnWriteArrayList<>();
        /** Every request's operation on Patients (the metadata fetch and other types left out). */
        final List<RestOperationTypeEnum> requests = new CopyOnWriteArrayList<>();

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void handled(RequestDetails request, RestOperationTypeEnum operation) {
            if ("Patient".equals(request.getResourceName())) {
                requests.add(operation);
            }
        }

        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
        public void updated(RequestDetails request) {
            if (request != null) {
                seen.add(request.getRestOperationType());
            }
        }
    }
}
