package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Attribution over the whole loop, in the orders a real EHR produces: a code corrected in a later Patient version, a
 * channel without a referrer, and Encounters that reach the service before their patient's referral does (two inbox
 * workers, lost notifications that only the catch-up poller finds).
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.ingest.worker.threads=2",
            "referralbridge.catch-up.interval=3s",
            "referralbridge.catch-up.overlap=10s"
        })
class AttributionPipelineIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    SandboxEhr sandbox;

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

    @AfterEach
    void reliableAgain() {
        sandbox.deliverNotificationsOnlyFor(subject -> true);
    }

    @Test
    void aCodeCorrectedInALaterPatientVersionLinksThePatientAndWritesTheReferrerBack() {
        String advocateId = ehr.create(Patients.existing("Corrector"));
        String code = api.enrol(advocateId);
        String mistyped = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");
        String referredId = ehr.create(Patients.referredWithCode("Mistyped", mistyped));
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(api.referralOf(referredId)).containsEntry("unmatchedReason", "BAD_CHECK_CHARACTER"));

        Patient corrected = ehr.patient(referredId);
        corrected
                .getExtensionByUrl(ReferralSource.URL)
                .getExtensionByUrl(ReferralSource.CODE)
                .setValue(new StringType(code));
        ehr.client().update().resource(corrected).execute();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referredId))
                        .containsEntry("status", "LINKED")
                        .containsEntry("referrerReference", "Patient/" + advocateId)
                        .containsEntry("unmatchedReason", null));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(referrerOn(ehr.patient(referredId))).isEqualTo("Patient/" + advocateId));
        assertThat(jdbc.sql("select status, unmatched_reason from referral_history where referred_patient_id = ?")
                        .param(referredId)
                        .query((rs, row) -> rs.getString(1) + "/" + rs.getString(2))
                        .list())
                .containsExactly("UNMATCHED/BAD_CHECK_CHARACTER");
    }

    @Test
    void aPatientWhoFoundThePracticeOnSocialMediaIsAChannelOnlyReferral() {
        String id = ehr.create(referredByChannel("Instagram", "social"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(referralsWithStatus("channel-only"))
                        .anySatisfy(referral -> assertThat(referral)
                                .containsEntry("referredPatientId", id)
                                .containsEntry("status", "CHANNEL_ONLY")
                                .containsEntry("channel", "social")
                                .containsEntry("referrerReference", null)));
        awaitQueuesIdle();
        assertThat(ehr.patient(id).getMeta().getVersionId())
                .as("nothing to write back")
                .isEqualTo("1");
    }

    @Test
    void aFinishedEncounterBeforeTheCodeCountsWhenTheCodeArrivesInALaterPatientVersion() {
        String code = api.enrol(ehr.create(Patients.existing("Patient0")));
        String patientId = ehr.create(Patients.existing("CodeLater"));
        String encounter = finishedEncounter(patientId, "2026-04-01T09:00:00Z");
        await().atMost(WAIT).until(() -> encounterDone(encounter));

        Patient withCode = ehr.patient(patientId);
        withCode.addExtension(Patients.referredWithCode("x", code).getExtensionByUrl(ReferralSource.URL));
        ehr.client().update().resource(withCode).execute();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(patientId))
                        .containsEntry("status", "LINKED")
                        .containsEntry("firstEncounterId", encounter)
                        .containsEntry("firstEncounterAt", "2026-04-01T09:00:00Z"));
        assertThat(advocate(code)).containsEntry("successfulReferrals", 1);
    }

    @Test
    void encountersNotifiedBeforeTheirPatientsWhomOnlyTheCatchUpFindsAllCountOnce() {
        String code = api.enrol(ehr.create(Patients.existing("CatchUpAdvocate")));
        // Patient notifications are lost; the Encounters' arrive (and find no referral yet)
        sandbox.deliverNotificationsOnlyFor(subject -> subject.startsWith("Encounter/"));
        List<String> patients = new ArrayList<>();
        List<String> encounters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String patientId = ehr.create(Patients.referredWithCode("Late" + i, code));
            patients.add(patientId);
            encounters.add(finishedEncounter(patientId, "2026-04-0" + (i + 1) + "T09:00:00Z"));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (int i = 0; i < patients.size(); i++) {
                assertThat(api.referralOf(patients.get(i)))
                        .as("referral of Patient/%s", patients.get(i))
                        .isNotNull()
                        .containsEntry("firstEncounterId", encounters.get(i));
            }
        });
        awaitQueuesIdle();
        assertThat(advocate(code)).containsEntry("successfulReferrals", patients.size());
    }

    private Map<String, Object> advocate(String code) {
        return http.get()
                .uri("/api/advocates/{code}", code)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> referralsWithStatus(String status) {
        Map<String, Object> page = http.get()
                .uri("/api/referrals?status={status}&size=500", status)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return (List<Map<String, Object>>) page.get("items");
    }

    private String finishedEncounter(String patientId, String end) {
        return ehr.client()
                .create()
                .resource(Patients.finishedEncounter(patientId, end))
                .execute()
                .getId()
                .getIdPart();
    }

    private boolean encounterDone(String encounterId) {
        return jdbc.sql("select count(*) from inbox where resource_type = 'Encounter' and resource_id = ?"
                                + " and status = 'done'")
                        .param(encounterId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void awaitQueuesIdle() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /** A new patient who named how they heard of the practice, and no referrer or code. */
    private static Patient referredByChannel(String family, String channel) {
        Patient patient = Patients.existing(family);
        patient.addExtension()
                .setUrl(ReferralSource.URL)
                .addExtension(
                        ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, channel, null));
        return patient;
    }

    private static String referrerOn(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        Extension referrer = source == null ? null : source.getExtensionByUrl(ReferralSource.REFERRER);
        return referrer == null ? null : ((Reference) referrer.getValue()).getReference();
    }
}
