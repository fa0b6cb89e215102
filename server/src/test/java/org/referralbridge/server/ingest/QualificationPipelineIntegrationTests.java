package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Qualification over the whole loop, under a program whose success is an ambulatory (AMB) Encounter finished within
 * 30 days of the referral: the window is counted from when the referral was made (its evidence's time, else when it
 * was recorded, i.e. now), so an Encounter "40 days later" is one whose period ends 40 days from now.
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.programs.directory=src/test/resources/programs-qualification")
class QualificationPipelineIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Ehr ehr;
    AdminApi api;
    RestClient http;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
    }

    @Test
    void anAmbulatoryEncounterWithinTheWindowQualifiesTheReferralAndCountsOnceOnTheAdvocate() {
        String code = api.enrol(ehr.create(Patients.existing("QualAdvocate")));
        String referredId = ehr.create(Patients.referredWithCode("QualReferred", code));
        awaitReferralOf(referredId);

        String encounter = finishedEncounter(referredId, "AMB", Instant.now().plus(2, ChronoUnit.DAYS));
        String repeat = finishedEncounter(referredId, "AMB", Instant.now().plus(3, ChronoUnit.DAYS));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referredId))
                        .containsEntry("status", "QUALIFIED")
                        .containsEntry("qualifyingEncounterId", encounter)
                        .containsEntry("qualifiedProgramKey", "first-visit-30")
                        .containsEntry("qualificationNote", null));
        await().atMost(WAIT).until(() -> encounterDone(repeat));
        assertThat(api.referralOf(referredId).get("successCountedAt")).isNotNull();
        assertThat(advocate(code)).containsEntry("successfulReferrals", 1);
        assertThat(api.referralOf(referredId)).containsEntry("qualifyingEncounterId", encounter);
    }

    @Test
    void anEmergencyEncounterLeavesTheReferralLinkedAndCountsNothing() {
        String code = api.enrol(ehr.create(Patients.existing("EmerAdvocate")));
        String referredId = ehr.create(Patients.referredWithCode("EmerReferred", code));
        awaitReferralOf(referredId);

        String encounter = finishedEncounter(referredId, "EMER", Instant.now().plus(1, ChronoUnit.DAYS));

        await().atMost(WAIT).until(() -> encounterDone(encounter));
        assertThat(api.referralOf(referredId))
                .containsEntry("status", "LINKED")
                .containsEntry("firstEncounterId", encounter)
                .containsEntry("qualifyingEncounterId", null)
                .containsEntry("qualificationNote", null)
                .containsEntry("successCountedAt", null);
        assertThat(advocate(code)).containsEntry("successfulReferrals", 0);
    }

    @Test
    void anAmbulatoryEncounterAfterTheWindowLeavesTheReferralLinkedWithTheReason() {
        String code = api.enrol(ehr.create(Patients.existing("LateAdvocate")));
        String referredId = ehr.create(Patients.referredWithCode("LateReferred", code));
        awaitReferralOf(referredId);

        String encounter = finishedEncounter(referredId, "AMB", Instant.now().plus(40, ChronoUnit.DAYS));

        await().atMost(WAIT).until(() -> encounterDone(encounter));
        assertThat(api.referralOf(referredId))
                .containsEntry("status", "LINKED")
                .containsEntry("qualificationNote", "QUALIFICATION_WINDOW_EXPIRED")
                .containsEntry("qualifyingEncounterId", null)
                .containsEntry("successCountedAt", null);
        assertThat((String) api.referralOf(referredId).get("qualificationDescription"))
                .contains("window");
        assertThat(advocate(code)).containsEntry("successfulReferrals", 0);
    }

    @Test
    void anEncounterThatArrivedBeforeTheReferralQualifiesItWhenTheCodeArrives() {
        String code = api.enrol(ehr.create(Patients.existing("EarlyAdvocate")));
        String patientId = ehr.create(Patients.existing("EarlyReferred"));
        String emergency = finishedEncounter(patientId, "EMER", Instant.now().minus(2, ChronoUnit.HOURS));
        String visit = finishedEncounter(patientId, "AMB", Instant.now().minus(1, ChronoUnit.HOURS));
        await().atMost(WAIT).until(() -> encounterDone(emergency) && encounterDone(visit));
        assertThat(api.referralOf(patientId)).isNull();

        Patient withCode = ehr.patient(patientId);
        withCode.addExtension(Patients.referredWithCode("x", code).getExtensionByUrl(ReferralSource.URL));
        ehr.client().update().resource(withCode).execute();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(patientId))
                        .containsEntry("status", "QUALIFIED")
                        .containsEntry("firstEncounterId", emergency)
                        .containsEntry("qualifyingEncounterId", visit));
        // the success counts when the qualified referral is settled, right after it qualified
        await().atMost(WAIT).untilAsserted(() -> assertThat(advocate(code)).containsEntry("successfulReferrals", 1));
    }

    @Test
    void aQualifiedReferralIsNeverReplacedByALaterClaim() {
        String code = api.enrol(ehr.create(Patients.existing("KeptAdvocate")));
        String other = api.enrol(ehr.create(Patients.existing("OtherAdvocate")));
        String referredId = ehr.create(Patients.referredWithCode("KeptReferred", code));
        awaitReferralOf(referredId);
        finishedEncounter(referredId, "AMB", Instant.now().plus(1, ChronoUnit.DAYS));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referredId)).containsEntry("status", "QUALIFIED"));
        Object referrer = api.referralOf(referredId).get("referrerReference");
        awaitQueuesIdle(); // the write-back of the referrer is done, so the update below is of the current version

        Patient otherCode = ehr.patient(referredId);
        otherCode
                .getExtensionByUrl(ReferralSource.URL)
                .getExtensionByUrl(ReferralSource.CODE)
                .setValue(new org.hl7.fhir.r4.model.StringType(other));
        long seen = patientChangesDone(referredId);
        ehr.client().update().resource(otherCode).execute();
        await().atMost(WAIT).until(() -> patientChangesDone(referredId) > seen);
        awaitQueuesIdle();

        assertThat(api.referralOf(referredId))
                .containsEntry("status", "QUALIFIED")
                .containsEntry("referrerReference", referrer)
                .containsEntry("referralCode", code);
        assertThat(advocate(other)).containsEntry("successfulReferrals", 0);
    }

    private String finishedEncounter(String patientId, String classCode, Instant end) {
        Encounter encounter = Patients.finishedEncounter(patientId, end.toString());
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", classCode, null));
        return ehr.client().create().resource(encounter).execute().getId().getIdPart();
    }

    private Map<String, Object> awaitReferralOf(String patientId) {
        return await().atMost(WAIT).until(() -> api.referralOf(patientId), r -> r != null);
    }

    private Map<String, Object> advocate(String code) {
        return http.get()
                .uri("/api/advocates/{code}", code)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private boolean encounterDone(String encounterId) {
        return jdbc.sql("select count(*) from inbox where resource_type = 'Encounter' and resource_id = ?"
                                + " and status = 'done'")
                        .param(encounterId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long patientChangesDone(String patientId) {
        return jdbc.sql("select count(*) from inbox where resource_type = 'Patient' and resource_id = ?"
                        + " and status = 'done'")
                .param(patientId)
                .query(Long.class)
                .single();
    }

    private void awaitQueuesIdle() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
