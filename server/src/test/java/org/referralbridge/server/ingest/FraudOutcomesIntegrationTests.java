package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
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

/**
 * Attribution-time fraud outcomes over the whole loop (sandbox EHR, notification, inbox, review API): an advocate's
 * code on a Patient that is the advocate under a linked record or a shared identifier is a self-referral; one who
 * may be the advocate (family name and birth date, phone, email) waits for the front desk; a later code of another
 * advocate for a linked referral changes nothing but shows in the referral's history.
 */
@IntegrationTest
class FraudOutcomesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MRN = "http://clinic.example.org/fhir/sid/mrn";

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
    void aReferredPatientLinkedToTheAdvocateIsASelfReferral() {
        String advocate = ehr.create(Patients.existing("LinkedFrom"));
        String code = admin.enrol(advocate);
        Patient referred = Patients.referredWithCode("LinkedTo", code);
        referred.addLink().setOther(new Reference("Patient/" + advocate)).setType(Patient.LinkType.SEEALSO);

        String referredId = ehr.create(referred);

        assertThat(awaitReferral(referredId, "UNMATCHED"))
                .containsEntry("unmatchedReason", "SELF_REFERRAL")
                .containsEntry("advocateId", null);
    }

    @Test
    void anAdvocateWhoseRecordLinksToTheReferredPatientIsASelfReferral() {
        String referredId = ehr.create(Patients.existing("OldRecord"));
        Patient advocatePatient = Patients.existing("NewRecord");
        advocatePatient
                .addLink()
                .setOther(new Reference("Patient/" + referredId))
                .setType(Patient.LinkType.REPLACES);
        String code = admin.enrol(ehr.create(advocatePatient));

        ehr.client()
                .update()
                .resource(Patients.withReferralCode(ehr.patient(referredId), code))
                .execute();

        assertThat(awaitReferral(referredId, "UNMATCHED")).containsEntry("unmatchedReason", "SELF_REFERRAL");
    }

    @Test
    void aSharedIdentifierIsASelfReferral() {
        Patient advocatePatient = Patients.existing("Identified");
        advocatePatient.addIdentifier(new Identifier().setSystem(MRN).setValue("MRN-40417"));
        String code = admin.enrol(ehr.create(advocatePatient));
        Patient referred = Patients.referredWithCode("IdentifiedAgain", code);
        referred.addIdentifier(new Identifier().setSystem(MRN).setValue("MRN-40417"));

        String referredId = ehr.create(referred);

        assertThat(awaitReferral(referredId, "UNMATCHED")).containsEntry("unmatchedReason", "SELF_REFERRAL");
    }

    @Test
    void theSameFamilyNameAndBirthDateWaitsForTheFrontDeskAndAConfirmationLinks() {
        String advocate = ehr.create(Patients.person("Ana", "Duplessis", "1971-05-05"));
        String code = admin.enrol(advocate);

        String referredId =
                ehr.create(Patients.withReferralCode(Patients.person("Anna", "Duplessis", "1971-05-05"), code));

        assertThat(awaitReferral(referredId, "IN_REVIEW")).containsEntry("advocateId", null);
        Map<String, Object> item = openItemOf(referredId);
        assertThat(item)
                .containsEntry("kind", "POSSIBLE_DUPLICATE")
                .containsEntry("duplicateSignals", List.of("FAMILY_NAME_AND_BIRTH_DATE"));
        assertThat(candidates(item)).extracting(c -> c.get("patientId")).containsExactly(advocate);
        String listed = api.get().uri("/api/review-items").retrieve().body(String.class);
        assertThat(listed).doesNotContain("Duplessis", "1971-05-05");
        Map<String, Object> opened = api.get()
                .uri("/api/review-items/{id}", item.get("id"))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> openedItem = (Map<String, Object>) opened.get("item");
        assertThat(openedItem).containsEntry("kind", "POSSIBLE_DUPLICATE");
        assertThat((String) openedItem.get("kindDescription")).contains("under another record");
        @SuppressWarnings("unchecked")
        Map<String, Object> referredAsTheEhrHasThem = (Map<String, Object>) opened.get("referredPatient");
        assertThat(referredAsTheEhrHasThem)
                .containsEntry("name", "Anna Duplessis")
                .containsEntry("birthDate", "1971-05-05");

        Map<String, Object> linked = decide(item, "confirm").getBody();

        assertThat(linked).containsEntry("status", "LINKED").containsEntry("referrerReference", "Patient/" + advocate);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(referrerOn(ehr.patient(referredId))).isEqualTo("Patient/" + advocate));
        assertThat(itemsOf(referredId, "confirmed")).hasSize(1);
    }

    @Test
    void theSamePhoneWaitsForTheFrontDeskAndARejectionLeavesItUnmatched() {
        Patient advocatePatient = Patients.person("Paulo", "Fonseca", "1958-03-14");
        advocatePatient
                .addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("+1 (555) 010-7731");
        String code = admin.enrol(ehr.create(advocatePatient));
        Patient referred = Patients.person("Rita", "Moreau", "1990-08-08");
        referred.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-010-7731");

        String referredId = ehr.create(Patients.withReferralCode(referred, code));

        awaitReferral(referredId, "IN_REVIEW");
        Map<String, Object> item = openItemOf(referredId);
        assertThat(item)
                .containsEntry("kind", "POSSIBLE_DUPLICATE")
                .containsEntry("duplicateSignals", List.of("PHONE"));

        Map<String, Object> rejected = decide(item, "reject").getBody();

        assertThat(rejected)
                .containsEntry("status", "UNMATCHED")
                .containsEntry("unmatchedReason", "POSSIBLE_DUPLICATE");
        assertThat((String) rejected.get("unmatchedDescription")).contains("another record");
        Patient again = ehr.patient(referredId);
        again.addName().setFamily("Moreau-Updated").addGiven("Rita");
        ehr.client().update().resource(again).execute();
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(admin.referralOf(referredId))
                        .containsEntry("unmatchedReason", "POSSIBLE_DUPLICATE"));
        assertThat(itemsOf(referredId, "open")).isEmpty();
        assertThat(itemsOf(referredId, "rejected")).hasSize(1);
    }

    @Test
    void theSameEmailWaitsForTheFrontDesk() {
        Patient advocatePatient = Patients.person("Eva", "Kowalski", "1966-06-16");
        advocatePatient
                .addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                .setValue("eva.k@example.org");
        String advocate = ehr.create(advocatePatient);
        String code = admin.enrol(advocate);
        Patient referred = Patients.person("Adam", "Nowak", "1999-09-19");
        referred.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("Eva.K@Example.org");

        String referredId = ehr.create(Patients.withReferralCode(referred, code));

        awaitReferral(referredId, "IN_REVIEW");
        Map<String, Object> item = openItemOf(referredId);
        assertThat(item)
                .containsEntry("kind", "POSSIBLE_DUPLICATE")
                .containsEntry("duplicateSignals", List.of("EMAIL"));
        assertThat(candidates(item)).extracting(c -> c.get("patientId")).containsExactly(advocate);
    }

    @Test
    void anotherPersonWithTheSameFamilyNameButAnotherBirthDateLinks() {
        String advocate = ehr.create(Patients.person("Bea", "Samesurname", "1960-01-01"));
        String code = admin.enrol(advocate);

        String referredId =
                ehr.create(Patients.withReferralCode(Patients.person("Carl", "Samesurname", "1990-02-02"), code));

        assertThat(awaitReferral(referredId, "LINKED")).containsEntry("referrerReference", "Patient/" + advocate);
        assertThat(itemsOf(referredId, "all")).isEmpty();
    }

    @Test
    void anotherAdvocatesCodeForALinkedReferralChangesNothingButShowsInTheHistory() {
        String first = ehr.create(Patients.existing("FirstAdvocate"));
        String firstCode = admin.enrol(first);
        String secondCode = admin.enrol(ehr.create(Patients.existing("SecondAdvocate")));
        String mistyped = firstCode.substring(0, firstCode.length() - 1) + (firstCode.endsWith("2") ? "3" : "2");
        String referredId = ehr.create(Patients.referredWithCode("Contested", mistyped));
        awaitReferral(referredId, "UNMATCHED");
        ehr.client()
                .update()
                .resource(Patients.withReferralCode(ehr.patient(referredId), firstCode))
                .execute();
        awaitReferral(referredId, "LINKED");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(referrerOn(ehr.patient(referredId))).isEqualTo("Patient/" + first));

        ehr.client()
                .update()
                .resource(Patients.withReferralCode(ehr.patient(referredId), secondCode))
                .execute();

        String referralId = (String) admin.referralOf(referredId).get("id");
        List<Map<String, Object>> entries =
                await().atMost(WAIT).until(() -> entries(referralId), found -> found.size() == 2);
        assertThat(entries.get(0))
                .containsEntry("kind", "SUPERSEDED")
                .containsEntry("status", "UNMATCHED")
                .containsEntry("reason", "BAD_CHECK_CHARACTER")
                .containsEntry("referralCode", mistyped);
        assertThat(entries.get(1))
                .containsEntry("kind", "DECLINED")
                .containsEntry("reason", "ALREADY_ATTRIBUTED")
                .containsEntry("referralCode", secondCode)
                .containsEntry("evidenceSource", "Patient");
        assertThat((String) entries.get(1).get("reasonDescription")).contains("first valid referral wins");
        assertThat(admin.referralOf(referredId))
                .containsEntry("status", "LINKED")
                .containsEntry("referrerReference", "Patient/" + first);

        Patient once = ehr.patient(referredId);
        once.addName().setFamily("Contested-Again").addGiven("Test");
        String version = ehr.client().update().resource(once).execute().getId().getVersionIdPart();
        await().atMost(WAIT).until(() -> versionDone(referredId, version));
        assertThat(entries(referralId)).as("the same claim again is kept once").hasSize(2);
    }

    @Test
    void theHistoryOfAnUnknownReferralIsANotFoundProblem() {
        ResponseEntity<Map<String, Object>> unknown = api.get()
                .uri("/api/referrals/00000000-0000-0000-0000-000000000000/history")
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "RB-1109");
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
    private List<Map<String, Object>> entries(String referralId) {
        Map<String, Object> history = api.get()
                .uri("/api/referrals/{id}/history", referralId)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(history).containsEntry("referralId", referralId);
        return (List<Map<String, Object>>) history.get("entries");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> candidates(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("candidates");
    }

    private ResponseEntity<Map<String, Object>> decide(Map<String, Object> item, String decision) {
        return api.post()
                .uri("/api/review-items/{id}/" + decision, item.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .retrieve()
                .onStatus(HttpStatusCode::isError, (req, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private boolean versionDone(String patientId, String version) {
        return jdbc.sql("select count(*) from inbox where resource_type = 'Patient' and resource_id = ?"
                                + " and version_id = ? and status = 'done'")
                        .params(patientId, version)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static String referrerOn(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        Extension referrer = source == null ? null : source.getExtensionByUrl(ReferralSource.REFERRER);
        return referrer == null ? null : ((Reference) referrer.getValue()).getReference();
    }
}
