package org.referralbridge.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** Clinic IT's profile surface: the profiles known, the values the maps missed, and a dry run that changes nothing. */
@IntegrationTest
class MappingProfileApiIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VENDOR = "http://vendor.example.com/fhir/";
    private static final List<String> TABLES =
            List.of("advocate", "referral", "referral_history", "review_item", "inbox", "outbox", "unmapped_value");

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Ehr ehr;
    AdminApi admin;
    RestClient api;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        admin = new AdminApi(port);
        api = AdminApi.client(port);
    }

    @Test
    void listsTheShippedProfilesAndTheOneInUse() {
        List<Map<String, Object>> profiles =
                api.get().uri("/api/mapping-profiles").retrieve().body(new ParameterizedTypeReference<>() {});

        assertThat(profiles)
                .extracting(profile -> profile.get("name"))
                .contains("referral-bridge-native", "intake-questionnaire", "vendor-extension", "identifier-code");
        assertThat(profiles)
                .filteredOn(profile -> Boolean.TRUE.equals(profile.get("active")))
                .extracting(profile -> profile.get("name"))
                .containsExactly("referral-bridge-native");
    }

    @Test
    void aDryRunShowsEvidenceTraceAndReferrerAndChangesNothing() {
        String ana = ehr.create(person("Ana", "Rivera", "1980-04-12"));
        String code = admin.enrol(ana);
        await().atMost(WAIT).until(() -> count("outbox", "status = 'PENDING'") == 0);
        Map<String, Long> before = counts();
        int ehrPatients = ehrPatientCount();

        Patient coded = Patients.referredWithCode("Tried", code);
        Patient described = Patients.existing("TriedToo");
        described.addExtension(
                VENDOR + "StructureDefinition/how-heard", new Coding(VENDOR + "CodeSystem/how-heard", "FRND", null));
        described.addExtension(VENDOR + "StructureDefinition/referred-by", new StringType("Ana Rivera"));

        Map<String, Object> nativeRun =
                dryRun("/api/mapping-profiles/referral-bridge-native/dry-run", json(encode(coded)));
        Map<String, Object> vendorRun =
                dryRun("/api/mapping-profiles/vendor-extension/dry-run", json(encode(described)));

        Map<String, Object> nativeResult = onlyResult(nativeRun);
        assertThat(nativeRun).containsEntry("changedNothing", true);
        assertThat(dryRunOf(nativeResult).get("evidence").toString()).contains(code);
        assertThat(traceFields(nativeResult)).contains("patient.referralCode", "patient.channel");
        assertThat(referrer(nativeResult))
                .containsEntry("strategy", "referral-code")
                .containsEntry("outcome", "advocate")
                .containsEntry("referrer", "Patient/" + ana);
        Map<String, Object> vendorResult = onlyResult(vendorRun);
        assertThat(referrer(vendorResult))
                .containsEntry("strategy", "referrer-name")
                .containsEntry("outcome", "review item");
        assertThat(referrer(vendorResult).get("candidates").toString()).contains("patientId=" + ana);

        assertThat(counts()).isEqualTo(before);
        assertThat(ehrPatientCount()).isEqualTo(ehrPatients);
    }

    @Test
    void aProfileInTheRequestIsTriedOnEveryResourceOfABundle() {
        String yaml = """
                formatVersion: 1
                name: clinic-trial
                extends: default
                patient:
                  referrerName: "extension('http://clinic.example.org/referred-by').value"
                referrerMatching:
                  by: [referrer-name]
                """;
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = Patients.existing("InBundle");
        patient.addExtension("http://clinic.example.org/referred-by", new StringType("Nobody Known"));
        bundle.addEntry().setResource(patient);
        bundle.addEntry().setResource(Patients.finishedEncounter("123", "2026-11-02T10:00:00Z"));

        Map<String, Object> run =
                dryRun("/api/mapping-profiles/dry-run", Map.of("profile", yaml, "input", json(encode(bundle))));

        assertThat(run).containsEntry("profile", "clinic-trial");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        assertThat(results).hasSize(2);
        assertThat(dryRunOf(results.get(0))).containsEntry("resourceType", "Patient");
        assertThat(referrer(results.get(0))).containsEntry("outcome", "no match");
        assertThat(dryRunOf(results.get(1))).containsEntry("resourceType", "Encounter");
        assertThat(dryRunOf(results.get(1)).get("encounter").toString()).contains("finished");
    }

    @Test
    void anInvalidProfileInTheRequestListsEveryProblemWithItsLine() {
        String yaml = """
                formatVersion: 1
                name: broken
                patient:
                  referralCode: "extension('x').value.("
                referrerMatching:
                  by: [referral-code, telepathy]
                """;

        ResponseEntity<Map<String, Object>> refused = post(
                "/api/mapping-profiles/dry-run", Map.of("profile", yaml, "input", Map.of("resourceType", "Patient")));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).containsEntry("code", "RB-2303");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) refused.getBody().get("errors");
        assertThat(errors).hasSizeGreaterThanOrEqualTo(2);
        assertThat(errors).extracting(error -> error.get("line")).contains(4, 6);
        assertThat(errors.toString()).contains("patient.referralCode", "telepathy");
    }

    @Test
    void anUnknownProfileOrInputThatIsNotFhirIsAClearError() {
        ResponseEntity<Map<String, Object>> unknown =
                post("/api/mapping-profiles/epic-magic/dry-run", Map.of("resourceType", "Patient"));
        ResponseEntity<Map<String, Object>> notFhir =
                post("/api/mapping-profiles/referral-bridge-native/dry-run", Map.of("resourceType", "Pateint"));

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "RB-2301");
        assertThat(notFhir.getStatusCode().value()).isEqualTo(400);
        assertThat(notFhir.getBody()).containsEntry("code", "RB-2302");
    }

    @Test
    void countsChannelValuesTheProfileDidNotKnow() {
        Patient patient = Patients.existing("Unmapped");
        Extension source = patient.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL, new Coding("http://clinic.example.org/how-heard", "radio-ad", null));
        ehr.create(patient);
        ehr.create(patient.copy());

        List<Map<String, Object>> unmapped = await().atMost(WAIT)
                .until(
                        () -> api.get()
                                .uri("/api/mapping-profiles/referral-bridge-native/unmapped")
                                .retrieve()
                                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {}),
                        values -> values.stream()
                                .anyMatch(value -> Integer.valueOf(2).equals(value.get("occurrences"))));

        assertThat(unmapped)
                .filteredOn(value -> "radio-ad".equals(value.get("value")))
                .singleElement()
                .satisfies(value -> assertThat(value)
                        .containsEntry("field", "channel")
                        .containsEntry("system", "http://clinic.example.org/how-heard")
                        .containsEntry("occurrences", 2)
                        .containsKeys("firstSeen", "lastSeen"));
    }

    private Map<String, Object> dryRun(String path, Object body) {
        ResponseEntity<Map<String, Object>> answer = post(path, body);
        assertThat(answer.getStatusCode().value())
                .as("%s: %s", path, answer.getBody())
                .isEqualTo(200);
        return answer.getBody();
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return api.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private String encode(IBaseResource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private static Object json(String text) {
        try {
            return new ObjectMapper().readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> onlyResult(Map<String, Object> run) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dryRunOf(Map<String, Object> result) {
        return (Map<String, Object>) result.get("dryRun");
    }

    @SuppressWarnings("unchecked")
    private static List<String> traceFields(Map<String, Object> result) {
        return ((List<Map<String, Object>>) dryRunOf(result).get("trace"))
                .stream().map(step -> (String) step.get("field")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> referrer(Map<String, Object> result) {
        List<Map<String, Object>> attributions = (List<Map<String, Object>>) result.get("referrer");
        assertThat(attributions).isNotEmpty();
        return attributions.get(0);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        TABLES.forEach(table -> counts.put(table, count(table, "1 = 1")));
        return counts;
    }

    private long count(String table, String where) {
        return jdbc.sql("select count(*) from " + table + " where " + where)
                .query(Long.class)
                .single();
    }

    private int ehrPatientCount() {
        return ehr.client()
                .search()
                .forResource(Patient.class)
                .returnBundle(Bundle.class)
                .count(500)
                .execute()
                .getEntry()
                .size();
    }

    private static Patient person(String given, String family, String birthDate) {
        Patient patient = Patients.existing(family);
        patient.getName().clear();
        patient.addName().setFamily(family).addGiven(given);
        patient.setBirthDateElement(new DateType(birthDate));
        return patient;
    }
}
