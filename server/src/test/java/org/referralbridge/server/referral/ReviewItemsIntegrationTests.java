package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A referrer named only by name is never linked by the service: a review item lists the EHR's candidates (ids and
 * scores), the front desk opens it (names read from the EHR then), and only a confirmation links the referral. The
 * EHR connection uses a profile from the configured directory (front-desk-free-text.yaml).
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.mapping.directory=src/test/resources/mapping-profiles",
            "referralbridge.mapping.profile=front-desk-free-text"
        })
class ReviewItemsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REFERRED_BY = "http://clinic.example.org/fhir/StructureDefinition/referred-by";
    private static final String REFERRED_BY_BIRTH_DATE =
            "http://clinic.example.org/fhir/StructureDefinition/referred-by-birth-date";

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

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
    void aNameOpensAReviewItemAndOnlyAConfirmationLinksTheReferral() {
        String ana = ehr.create(person("Ana", "Rivera", "1980-04-12"));
        admin.enrol(ana);
        String namesake = ehr.create(person("Ana", "Rivera", "1992-11-30"));
        ehr.create(person("Bruno", "Costa", "1980-04-12"));

        String referred = ehr.create(referredBy("Ana Rivera", "1980-04-12"));

        Map<String, Object> referral = awaitReferral(referred, "UNMATCHED");
        assertThat(referral).containsEntry("unmatchedReason", "AWAITING_REVIEW");
        Map<String, Object> item = openItemOf(referred);
        assertThat(candidates(item))
                .extracting(candidate -> candidate.get("patientId"))
                .containsExactly(ana, namesake);
        assertThat(candidates(item).get(0).get("score")).isEqualTo(85);
        assertThat(candidates(item).get(1).get("score")).isEqualTo(60);
        String listed = api.get().uri("/api/review-items").retrieve().body(String.class);
        assertThat(listed).doesNotContain("Rivera", "1980-04-12");

        Map<String, Object> opened = api.get()
                .uri("/api/review-items/{id}", item.get("id"))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) opened.get("candidates");
        assertThat(shown.get(0)).containsEntry("patientId", ana).containsEntry("advocate", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> anaAsTheEhrHasHer =
                (Map<String, Object>) shown.get(0).get("patient");
        assertThat(anaAsTheEhrHasHer).containsEntry("name", "Ana Rivera").containsEntry("birthDate", "1980-04-12");
        assertThat(shown.get(1)).containsEntry("advocate", false);
        assertThat(admin.referralOf(referred)).containsEntry("status", "UNMATCHED");

        Map<String, Object> linked =
                decide(item, "confirm", Map.of("patientId", "Patient/" + ana)).getBody();

        assertThat(linked).containsEntry("status", "LINKED").containsEntry("referrerReference", "Patient/" + ana);
        assertThat(admin.referralOf(referred)).containsEntry("status", "LINKED");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(referrerOn(ehr.patient(referred))).isEqualTo("Patient/" + ana));
        assertThat(decide(item, "confirm", Map.of("patientId", ana))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        assertThat(decide(item, "reject", null).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aRejectionLeavesTheReferralUnmatchedAndTheSameNameDoesNotAskAgain() {
        String carla = ehr.create(person("Carla", "Mendes", "1975-02-03"));
        String referred = ehr.create(referredBy("Carla Mendes", null));
        awaitReferral(referred, "UNMATCHED");
        Map<String, Object> item = openItemOf(referred);

        ResponseEntity<Map<String, Object>> notACandidate = decide(item, "confirm", Map.of("patientId", "nobody-1"));
        assertThat(notACandidate.getStatusCode().value()).isEqualTo(400);
        assertThat(notACandidate.getBody()).containsEntry("code", "RB-1108");

        Map<String, Object> rejected = decide(item, "reject", null).getBody();

        assertThat(rejected).containsEntry("status", "UNMATCHED").containsEntry("unmatchedReason", "REJECTED_BY_STAFF");
        Patient again = ehr.patient(referred);
        again.addName().setFamily("Mendes-Updated").addGiven("Referred");
        ehr.client().update().resource(again).execute();
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(admin.referralOf(referred)).containsEntry("unmatchedReason", "REJECTED_BY_STAFF"));
        assertThat(itemsOf(referred, "open")).isEmpty();
        assertThat(itemsOf(referred, "rejected")).hasSize(1);
        assertThat(carla).isNotBlank();
    }

    @Test
    void aReferralCodeThatComesLaterLinksAndClosesTheItem() {
        String dora = ehr.create(person("Dora", "Lima", "1969-07-21"));
        String code = admin.enrol(dora);
        String referred = ehr.create(referredBy("Dora Lima", null));
        awaitReferral(referred, "UNMATCHED");
        assertThat(itemsOf(referred, "open")).hasSize(1);

        Patient withCode = ehr.patient(referred);
        Extension source = withCode.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(ReferralSource.CODE, new StringType(code));
        ehr.client().update().resource(withCode).execute();

        awaitReferral(referred, "LINKED");
        assertThat(itemsOf(referred, "open")).isEmpty();
        assertThat(itemsOf(referred, "superseded")).hasSize(1);
    }

    @Test
    void statusMustBeOneTheApiKnows() {
        ResponseEntity<String> refused = api.get()
                .uri("/api/review-items?status=pending")
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("status must be open, confirmed, rejected, superseded or all");
    }

    private static Patient person(String given, String family, String birthDate) {
        Patient patient = Patients.existing(family);
        patient.getName().clear();
        patient.addName().setFamily(family).addGiven(given);
        patient.setBirthDateElement(new DateType(birthDate));
        return patient;
    }

    private static Patient referredBy(String name, String birthDate) {
        Patient patient = Patients.existing("Referred");
        patient.addExtension(REFERRED_BY, new StringType(name));
        if (birthDate != null) {
            patient.addExtension(REFERRED_BY_BIRTH_DATE, new DateType(birthDate));
        }
        return patient;
    }

    private Map<String, Object> awaitReferral(String patientId, String status) {
        return await().atMost(WAIT)
                .until(() -> admin.referralOf(patientId), r -> r != null && status.equals(r.get("status")));
    }

    private Map<String, Object> openItemOf(String patientId) {
        List<Map<String, Object>> open =
                await().atMost(WAIT).until(() -> itemsOf(patientId, "open"), l -> !l.isEmpty());
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> itemsOf(String patientId, String status) {
        Map<String, Object> page = api.get()
                .uri("/api/review-items?status={status}&size=500", status)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(item -> patientId.equals(item.get("referredPatientId")))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> candidates(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("candidates");
    }

    private ResponseEntity<Map<String, Object>> decide(Map<String, Object> item, String decision, Object body) {
        RestClient.RequestBodySpec request = api.post().uri("/api/review-items/{id}/" + decision, item.get("id"));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve()
                .onStatus(HttpStatusCode::isError, (req, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private static String referrerOn(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        if (source == null || source.getExtensionByUrl(ReferralSource.REFERRER) == null) {
            return null;
        }
        return ((org.hl7.fhir.r4.model.Reference)
                        source.getExtensionByUrl(ReferralSource.REFERRER).getValue())
                .getReference();
    }
}
