package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.AdvocateSuccessesCounted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Write-backs to the built-in sandbox EHR, which keeps resources as they were written: only our extension changes,
 * whatever else the EHR's Patient carries; what cannot be written safely fails at once; counts only go up.
 */
@IntegrationTest
class WriteBackFidelityIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ObjectMapper payloads;

    @Autowired
    @Qualifier("outbox")
    WorkQueue outbox;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    Ehr ehr;
    AdminApi api;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
    }

    @Test
    void writesOnlyOurExtensionsAndKeepsEverythingElseOfThePatients() throws Exception {
        String advocate = create(RichPatients.json("RichAdvocate"));
        JsonNode advocateBefore = read(advocate);
        String code = api.enrol(advocate);
        String referred = create(RichPatients.referredWithCode("RichReferred", code));
        JsonNode referredBefore = read(referred);

        JsonNode advocateAfter =
                await().atMost(WAIT).until(() -> read(advocate), p -> version(p).equals("2"));
        JsonNode referredAfter =
                await().atMost(WAIT).until(() -> read(referred), p -> version(p).equals("2"));

        assertThat(RichPatients.withoutMetaAndExtension(advocateAfter, ReferralAdvocate.URL))
                .isEqualTo(RichPatients.withoutMetaAndExtension(advocateBefore, ReferralAdvocate.URL));
        assertThat(RichPatients.withoutMetaAndExtension(referredAfter, ReferralSource.URL))
                .isEqualTo(RichPatients.withoutMetaAndExtension(referredBefore, ReferralSource.URL));
        assertThat(advocateAfter.path("favouriteColour").asText()).isEqualTo("teal");
        assertThat(advocateAfter
                        .path("generalPractitioner")
                        .get(0)
                        .path("reference")
                        .asText())
                .isEqualTo("https://other-ehr.example/fhir/Practitioner/7/_history/3");
        JsonNode advocateExtension =
                RichPatients.extensions(advocateAfter, ReferralAdvocate.URL).get(0);
        assertThat(RichPatients.part(advocateExtension, ReferralAdvocate.CODE)
                        .path("valueString")
                        .asText())
                .isEqualTo(code);
        JsonNode source =
                RichPatients.extensions(referredAfter, ReferralSource.URL).get(0);
        assertThat(RichPatients.part(source, ReferralSource.REFERRER)
                        .path("valueReference")
                        .path("reference")
                        .asText())
                .isEqualTo("Patient/" + advocate);
        assertThat(RichPatients.part(source, ReferralSource.CODE))
                .isEqualTo(RichPatients.part(
                        RichPatients.extensions(referredBefore, ReferralSource.URL)
                                .get(0),
                        ReferralSource.CODE));
    }

    @Test
    void failsAtOnceForAPatientCarryingOurExtensionTwice() throws Exception {
        ObjectNode twice = RichPatients.json("TwiceAdvocate");
        ObjectNode advocateExtension = RichPatients.parse("""
                {"url":"%s","extension":[{"url":"code","valueString":"XXXX-XXXX"},
                  {"url":"enrolled","valueDate":"2020-01-01"}]}""".formatted(ReferralAdvocate.URL));
        ((ArrayNode) twice.get("extension")).add(advocateExtension).add(advocateExtension.deepCopy());
        String id = create(twice);

        enqueue(
                WriteBackRequests.ADVOCATE_EXTENSION,
                id,
                new AdvocateExtensionPayload(
                        UUID.randomUUID(), "ABCD-EFGH", Instant.parse("2026-01-02T03:04:05Z"), UUID.randomUUID()));

        Map<String, Object> row = await().atMost(WAIT).until(() -> outboxRow(id), r -> "dead".equals(r.get("status")));
        assertThat(row).containsEntry("attempts", 1);
        assertThat((String) row.get("last_error"))
                .contains("Patient/" + id)
                .contains("carries 2 extensions " + ReferralAdvocate.URL);
        assertThat(version(read(id))).isEqualTo("1");
    }

    @Test
    void failsAnUnreadablePayloadAtOnce() throws Exception {
        String id = create(RichPatients.json("Unreadable"));
        outbox.enqueue(new NewWorkItem(
                WriteBackRequests.REFERRER_REFERENCE,
                "Patient",
                id,
                null,
                "{\"referralId\":",
                "test:" + UUID.randomUUID(),
                null));

        Map<String, Object> row = await().atMost(WAIT).until(() -> outboxRow(id), r -> "dead".equals(r.get("status")));

        assertThat(row).containsEntry("attempts", 1);
        assertThat((String) row.get("last_error")).contains("unreadable referrer-reference payload");
        assertThat(version(read(id))).isEqualTo("1");
    }

    @Test
    void writesTheCountOfSuccessfulReferralsLowerAfterAReversalAndEachCountOnce() throws Exception {
        String advocate = ehr.create(Patients.existing("Counted"));
        String code = api.enrol(advocate);
        await().atMost(WAIT).until(() -> version(read(advocate)).equals("2"));
        // an advocate the service does not know: the count queued is the one written
        UUID advocateId = UUID.randomUUID();
        Instant enrolled = Instant.parse("2020-05-06T07:08:09Z");

        events.publishEvent(new AdvocateSuccessesCounted(advocateId, advocate, code, enrolled, 2));
        JsonNode counted =
                await().atMost(WAIT).until(() -> read(advocate), p -> version(p).equals("3"));
        events.publishEvent(new AdvocateSuccessesCounted(advocateId, advocate, code, enrolled, 2));
        events.publishEvent(
                new AdvocateSuccessesCounted(advocateId, advocate, code, enrolled, 1, "reversal-of:referral-1"));
        events.publishEvent(
                new AdvocateSuccessesCounted(advocateId, advocate, code, enrolled, 1, "reversal-of:referral-1"));
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from outbox where resource_id = ? and status = 'pending'")
                                .param(advocate)
                                .query(Long.class)
                                .single()
                        == 0);

        JsonNode extension =
                RichPatients.extensions(read(advocate), ReferralAdvocate.URL).get(0);
        assertThat(RichPatients.part(extension, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .as("the reversal lowered the count")
                .isEqualTo(1);
        assertThat(RichPatients.part(extension, ReferralAdvocate.CODE)
                        .path("valueString")
                        .asText())
                .isEqualTo(code);
        assertThat(version(read(advocate))).as("each count written once").isEqualTo("4");
        assertThat(jdbc.sql("select count(*) from outbox where kind = ? and resource_id = ?")
                        .params(WriteBackRequests.ADVOCATE_SUCCESSES, advocate)
                        .query(Long.class)
                        .single())
                .as("one row per count and cause: the replayed events queued nothing")
                .isEqualTo(2);
        Patient written = ehr.patient(advocate);
        ValidationReport report = Conformance.validator(fhirContext).validate(written);
        assertThat(report.isValid()).as(report.summary()).isTrue();
        assertThat(version(counted)).isEqualTo("3");
    }

    @Test
    void tagsEachProvenanceWithTheGloballyUniqueIdOfItsWrite() throws Exception {
        String advocate = ehr.create(Patients.existing("Tagged"));
        api.enrol(advocate);
        await().atMost(WAIT).until(() -> version(read(advocate)).equals("2"));
        String payload = jdbc.sql("select payload from outbox where kind = ? and resource_id = ?")
                .params(WriteBackRequests.ADVOCATE_EXTENSION, advocate)
                .query(String.class)
                .single();
        String writeId = json.readTree(payload).path("writeId").asText();
        assertThat(UUID.fromString(writeId)).isNotNull();

        Bundle provenances = await().atMost(WAIT)
                .until(
                        () -> ehr.client()
                                .search()
                                .byUrl("Provenance?_tag="
                                        + URLEncoder.encode(
                                                ProvenanceRecords.WRITE_TAG_SYSTEM + "|write-" + writeId,
                                                StandardCharsets.UTF_8))
                                .returnBundle(Bundle.class)
                                .execute(),
                        found -> !found.getEntry().isEmpty());

        assertThat(provenances.getEntry()).hasSize(1);
        assertThat(((org.hl7.fhir.r4.model.Provenance)
                                provenances.getEntryFirstRep().getResource())
                        .getTargetFirstRep()
                        .getReference())
                .isEqualTo("Patient/" + advocate + "/_history/2");
    }

    private void enqueue(String kind, String patientId, Object payload) throws Exception {
        outbox.enqueue(new NewWorkItem(
                kind,
                "Patient",
                patientId,
                null,
                payloads.writeValueAsString(payload),
                "test:" + UUID.randomUUID(),
                null));
    }

    private Map<String, Object> outboxRow(String patientId) {
        return jdbc.sql(
                        "select status, attempts, last_error from outbox where resource_id = ? and dedupe_key like 'test:%'")
                .param(patientId)
                .query()
                .singleRow();
    }

    private String base() {
        return "http://localhost:" + port + "/sandbox/fhir";
    }

    private String create(ObjectNode patient) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/Patient"))
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(patient)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asText();
    }

    private JsonNode read(String id) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/Patient/" + id))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String version(JsonNode resource) {
        return resource.path("meta").path("versionId").asText();
    }
}
