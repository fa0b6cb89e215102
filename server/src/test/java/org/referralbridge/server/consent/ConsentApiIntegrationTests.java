package org.referralbridge.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.LogCapture;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Consent state from both directions: the front desk records and revokes through the API, and a Consent written in
 * the EHR arrives through its notification; the current state governs the next decision, the history stays, and the
 * recognition list shows only advocates whose consent permits the channel.
 */
@IntegrationTest
class ConsentApiIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ConsentState consents;

    Ehr ehr;
    AdminApi api;
    RestClient http;
    private final LogCapture logs = new LogCapture();

    /** The names and birth dates of this class's patients: none may appear in a log line. */
    private static final List<String> PHI = List.of(
            "ConsentEmail",
            "DisclosureReferred",
            "DisclosureReferrer",
            "Rosalind",
            "Namedadvocate",
            "Samwise",
            "Shyadvocate",
            "Niamhsa",
            "Noadvocate",
            "1970-01-02",
            "1971-01-02",
            "1972-01-02");

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
        logs.attach();
        org.slf4j.LoggerFactory.getLogger(ConsentApiIntegrationTests.class).info("log capture attached");
    }

    @AfterEach
    void logsHoldNoPhi() {
        logs.detach();
        String logged = logs.text();
        assertThat(logged).as("the capture was attached").contains("log capture attached");
        for (String phi : PHI) {
            assertThat(logged).as("the logs name no patient detail").doesNotContain(phi);
        }
    }

    @Test
    void aConsentRecordedAndThenRevokedAtTheFrontDeskGovernsTheNextDecisionAndKeepsItsHistory() {
        String patient = ehr.create(Patients.existing("ConsentEmail"));

        List<Map<String, Object>> recorded = post(Map.of(
                "kind", "program-messages", "patientId", patient, "channels", List.of("email"), "decision", "permit"));
        assertThat(recorded)
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("kind", "program-messages")
                        .containsEntry("channel", "email")
                        .containsEntry("permits", true)
                        .containsEntry("source", "api"));
        assertThat(consents.permits(ConsentKind.PROGRAM_MESSAGES, patient, null, "email"))
                .isTrue();
        assertThat(consents.permits(ConsentKind.PROGRAM_MESSAGES, patient, null, "sms"))
                .isFalse();

        String statement = (String) recorded.get(0).get("statementId");
        int revoked = http.post()
                .uri("/api/consents/{id}/revoke", statement)
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(revoked).isEqualTo(200);
        assertThat(consents.permits(ConsentKind.PROGRAM_MESSAGES, patient, null, "email"))
                .isFalse();
        // the EHR holds the consent too, written once, now inactive, valid against its profile
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ehrConsents(statement))
                        .singleElement()
                        .satisfies(
                                consent -> assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE)));
        Consent written = ehrConsents(statement).get(0);
        ValidationReport report =
                org.referralbridge.server.Conformance.validator(fhirContext).validate(written);
        assertThat(report.isValid()).as(report.summary()).isTrue();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(history(patient))
                        .allSatisfy(row -> assertThat(row)
                                .containsEntry(
                                        "ehrConsentId", written.getIdElement().getIdPart())));
        assertThat(history(patient))
                .extracting(row -> row.get("status") + " " + (row.get("supersededAt") == null ? "current" : "past"))
                .containsExactly("active past", "inactive current");
    }

    @Test
    void theEhrsEchoOfAWriteThatWasOnItsWayWhenTheConsentWasRevokedDoesNotBringItBack() {
        String patient = ehr.create(Patients.existing("ConsentEmail"));
        List<Map<String, Object>> recorded = post(Map.of(
                "kind", "program-messages", "patientId", patient, "channels", List.of("email"), "decision", "permit"));
        UUID statement = UUID.fromString((String) recorded.get(0).get("statementId"));
        http.post().uri("/api/consents/{id}/revoke", statement).retrieve().toBodilessEntity();

        String ehrId = await().atMost(WAIT)
                .until(() -> ehrConsents(statement.toString()), found -> !found.isEmpty())
                .get(0)
                .getIdElement()
                .getIdPart();

        // the EHR hands back the first (active) write of the statement, stored after the revocation was recorded
        boolean changed = consents.fromEhr(
                new ConsentStatement(
                        ConsentKind.PROGRAM_MESSAGES,
                        patient,
                        null,
                        List.of("email"),
                        true,
                        ConsentStatement.ACTIVE,
                        false,
                        null,
                        ehrId),
                statement,
                java.time.Instant.now().plusSeconds(1));

        assertThat(changed).isFalse();
        assertThat(consents.permits(ConsentKind.PROGRAM_MESSAGES, patient, null, "email"))
                .isFalse();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ehrConsents(statement.toString()))
                        .singleElement()
                        .satisfies(
                                consent -> assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE)));
        assertThat(consents.permits(ConsentKind.PROGRAM_MESSAGES, patient, null, "email"))
                .as("after the EHR's own notifications too")
                .isFalse();
    }

    @Test
    void anSmsOptInWithoutAWrittenRecordAndOtherBadConsentsAreRefusedNamingEachProblem() {
        String body = http.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "kind",
                        "program-messages",
                        "patientId",
                        "p-1",
                        "channels",
                        List.of("sms"),
                        "decision",
                        "permit"))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(body)
                .startsWith("400")
                .contains("RB-1701")
                .contains("writtenRecord")
                .contains("TCPA");

        String several = http.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "referral-disclosure", "patientId", "p 1", "decision", "maybe"))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(several)
                .startsWith("400")
                .contains("patientId")
                .contains("decision")
                .contains("actorPatientId");
    }

    @Test
    void aConsentWrittenInTheEhrArrivesThroughItsNotificationAndARevocationThereTakesEffect() {
        String referred = ehr.create(Patients.existing("DisclosureReferred"));
        String referrer = ehr.create(Patients.existing("DisclosureReferrer"));
        Consent consent = disclosure(referred, referrer);
        String id = ehr.client().create().resource(consent).execute().getId().getIdPart();

        await().atMost(WAIT).until(() -> consents.permits(ConsentKind.REFERRAL_DISCLOSURE, referred, referrer, null));
        assertThat(consents.permits(ConsentKind.REFERRAL_DISCLOSURE, referred, "someone-else", null))
                .isFalse();
        assertThat(history(referred))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("source", "ehr")
                        .containsEntry("ehrConsentId", id)
                        .containsEntry("actorPatientId", referrer));

        Consent revoked = ehr.client().read().resource(Consent.class).withId(id).execute();
        revoked.setStatus(Consent.ConsentState.INACTIVE);
        ehr.client().update().resource(revoked).execute();

        await().atMost(WAIT).until(() -> !consents.permits(ConsentKind.REFERRAL_DISCLOSURE, referred, referrer, null));
        assertThat(history(referred)).hasSize(2);
    }

    @Test
    void theRecognitionListShowsOnlyAdvocatesWhoseConsentPermitsTheChannel() {
        String named = ehr.create(Patients.person("Rosalind", "Namedadvocate", "1970-01-02"));
        String shy = ehr.create(Patients.person("Samwise", "Shyadvocate", "1971-01-02"));
        String notAnAdvocate = ehr.create(Patients.person("Niamhsa", "Noadvocate", "1972-01-02"));
        api.enrol(named);
        api.enrol(shy);
        post(Map.of(
                "kind",
                "referrer-recognition",
                "patientId",
                named,
                "channels",
                List.of("newsletter"),
                "decision",
                "permit"));
        post(Map.of(
                "kind",
                "referrer-recognition",
                "patientId",
                shy,
                "channels",
                List.of("newsletter"),
                "decision",
                "deny"));
        post(Map.of(
                "kind",
                "referrer-recognition",
                "patientId",
                notAnAdvocate,
                "channels",
                List.of("newsletter"),
                "decision",
                "permit"));

        List<Map<String, Object>> list = http.get()
                .uri("/api/recognition?channel=newsletter")
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
        assertThat(list).extracting(row -> row.get("patientId")).containsExactly(named);
        assertThat((String) list.get(0).get("name")).contains("Namedadvocate");

        String csv = http.get()
                .uri("/api/recognition?channel=newsletter")
                .accept(MediaType.parseMediaType("text/csv"))
                .retrieve()
                .body(String.class);
        assertThat(csv)
                .startsWith("patientId,name,referralCode,successfulReferrals")
                .contains("Namedadvocate");
        assertThat(csv).doesNotContain("Shyadvocate").doesNotContain("Noadvocate");
        int billboard = http.get()
                .uri("/api/recognition?channel=billboard")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(billboard).isEqualTo(400);
    }

    private Consent disclosure(String referred, String referrer) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, Consents.SCOPE, null)));
        consent.addCategory(new CodeableConcept(new Coding(Consents.KIND_CODE_SYSTEM, "referral-disclosure", null)));
        consent.setPatient(new Reference("Patient/" + referred));
        consent.addPolicy().setUri(Consents.policy("referral-disclosure"));
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        consent.getProvision().addActor().setReference(new Reference("Patient/" + referrer));
        return consent;
    }

    private List<Consent> ehrConsents(String statementId) {
        org.hl7.fhir.r4.model.Bundle bundle = ehr.client()
                .search()
                .byUrl("Consent?identifier=" + Consents.IDENTIFIER_SYSTEM + "|" + statementId)
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(entry -> (Consent) entry.getResource())
                .toList();
    }

    private List<Map<String, Object>> post(Map<String, Object> body) {
        return http.post()
                .uri("/api/consents")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    }

    private List<Map<String, Object>> history(String patient) {
        return http.get()
                .uri("/api/consents?patient={id}", patient)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    }
}
