package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@IntegrationTest
class AdvocateApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    Ehr ehr;
    RestClient api;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(AdminApi.USER, AdminApi.PASSWORD))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @Test
    void enrolsExistingPatientOnceAndWritesAValidAdvocateExtension() {
        String patientId = ehr.create(Patients.existing("Enrolled"));

        ResponseEntity<Map<String, Object>> first = enrol(patientId);
        ResponseEntity<Map<String, Object>> again = enrol(patientId);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        String code = (String) first.getBody().get("referralCode");
        assertThat(code).matches("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}");
        assertThat(first.getHeaders().getLocation()).hasToString("/api/advocates/" + code);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("referralCode", code);

        Patient written = await().atMost(Duration.ofSeconds(20))
                .until(() -> ehr.patient(patientId), p -> p.getExtensionByUrl(ReferralAdvocate.URL) != null);
        Extension advocate = written.getExtensionByUrl(ReferralAdvocate.URL);
        assertThat(advocate.getExtensionByUrl(ReferralAdvocate.CODE).getValue().primitiveValue())
                .isEqualTo(code);
        assertThat(advocate.getExtensionByUrl(ReferralAdvocate.ENROLLED)
                        .getValue()
                        .primitiveValue())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(written.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
        ValidationReport report = Conformance.validator(fhirContext).validate(written);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void findsAdvocateByCodeTypedCarelessly() {
        String patientId = ehr.create(Patients.existing("Findable"));
        String code = (String) enrol(patientId).getBody().get("referralCode");
        String typed = " " + code.replace("-", " ").toLowerCase() + " ";

        ResponseEntity<Map<String, Object>> found = get(typed);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat(found.getBody())
                .containsEntry("patientId", patientId)
                .containsEntry("referralCode", code)
                .containsEntry("successfulReferrals", 0);
    }

    @Test
    void explainsWhyACodeFindsNoAdvocate() {
        String code =
                (String) enrol(ehr.create(Patients.existing("Typo"))).getBody().get("referralCode");
        String mistyped = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");
        String unknown = "ZZZZ-ZZZ" + ReferralCodes.checkCharacter("ZZZZZZZ");

        assertProblem(get(mistyped), 400, "RB-1102", "check character");
        assertProblem(get("O0O0-1I1L"), 400, "RB-1102", "not in the form");
        assertProblem(get(unknown), 404, "RB-1103", "No advocate holds");
    }

    @Test
    void refusesPatientsTheEhrDoesNotHaveAndIdsThatAreNotFhirIds() {
        assertProblem(enrol("no-such-patient"), 404, "RB-1101", "no Patient with id no-such-patient");
        ResponseEntity<Map<String, Object>> invalid = enrol("../etc/passwd");
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getBody().toString()).contains("patientId must be a FHIR id");
    }

    private void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String code, String detail) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("code", code);
        assertThat((String) response.getBody().get("detail")).contains(detail);
    }

    private ResponseEntity<Map<String, Object>> enrol(String patientId) {
        return api.post()
                .uri("/api/advocates")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private ResponseEntity<Map<String, Object>> get(String code) {
        return api.get().uri("/api/advocates/{code}", code).retrieve().toEntity(new ParameterizedTypeReference<>() {});
    }
}
