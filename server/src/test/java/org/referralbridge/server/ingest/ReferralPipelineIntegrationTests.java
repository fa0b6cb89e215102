package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The whole loop over real HTTP: sandbox EHR → notification → inbox → referral → outbox → write-back. */
@IntegrationTest
class ReferralPipelineIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Ehr ehr;
    AdminApi api;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
    }

    @Test
    void linksNewPatientWithValidCodeAndWritesReferrerBack() {
        String advocateId = ehr.create(Patients.existing("Advocate"));
        String code = api.enrol(advocateId);

        String referredId = ehr.create(Patients.referredWithCode("Referred", code.toLowerCase()));

        Map<String, Object> referral = awaitReferralOf(referredId);
        assertThat(referral)
                .containsEntry("status", "LINKED")
                .containsEntry("referrerReference", "Patient/" + advocateId);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(referrerOn(ehr.patient(referredId))).isEqualTo("Patient/" + advocateId));
        Patient written = ehr.patient(referredId);
        assertThat(written.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
        assertThat(written.getText().getDivAsString()).contains("Test Referred");
        assertThat(written.getExtensionByUrl(ReferralSource.URL)
                        .getExtensionByUrl(ReferralSource.CODE)
                        .getValue()
                        .primitiveValue())
                .isEqualTo(code.toLowerCase());
        ValidationReport report = Conformance.validator(fhirContext).validate(written);
        assertThat(report.isValid()).as(report.summary()).isTrue();

        Bundle provenances = await().atMost(WAIT)
                .until(
                        () -> ehr.client()
                                .search()
                                .forResource(Provenance.class)
                                .where(Provenance.TARGET.hasId("Patient/" + referredId + "/_history/2"))
                                .returnBundle(Bundle.class)
                                .execute(),
                        found -> !found.getEntry().isEmpty());
        assertThat(provenances.getEntry()).hasSize(1);
        Provenance provenance = (Provenance) provenances.getEntryFirstRep().getResource();
        assertThat(provenance.getPolicy())
                .extracting(p -> p.getValue())
                .containsExactly("https://referralbridge.org/fhir/rule/referrer-reference");
        ValidationReport provenanceReport = Conformance.validator(fhirContext).validate(provenance);
        assertThat(provenanceReport.isValid()).as(provenanceReport.summary()).isTrue();
    }

    @Test
    void notesTheFirstFinishedEncounterOfAReferredPatient() {
        String code = api.enrol(ehr.create(Patients.existing("Visited")));
        String referredId = ehr.create(Patients.referredWithCode("Visitor", code));
        awaitReferralOf(referredId);

        String later = ehr.client()
                .create()
                .resource(Patients.finishedEncounter(referredId, "2026-03-02T10:00:00Z"))
                .execute()
                .getId()
                .getIdPart();
        String first = ehr.client()
                .create()
                .resource(Patients.finishedEncounter(referredId, "2026-03-01T10:00:00Z"))
                .execute()
                .getId()
                .getIdPart();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referredId))
                        .containsEntry("firstEncounterId", first)
                        .containsEntry("firstEncounterAt", "2026-03-01T10:00:00Z"));
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void subscriptionsTheServiceRegisteredAreActiveAndValid() {
        Bundle subscriptions = ehr.client()
                .search()
                .forResource(Subscription.class)
                .returnBundle(Bundle.class)
                .execute();

        assertThat(subscriptions.getEntry())
                .extracting(e -> ((Subscription) e.getResource()).getCriteria())
                .contains(
                        "Patient?",
                        "Encounter?status=finished,cancelled,entered-in-error",
                        "Consent?",
                        "Coverage?",
                        "QuestionnaireResponse?",
                        "Appointment?status=booked,arrived,checked-in,fulfilled,entered-in-error");
        for (Bundle.BundleEntryComponent entry : subscriptions.getEntry()) {
            Subscription subscription = (Subscription) entry.getResource();
            assertThat(subscription.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
            ValidationReport report = Conformance.validator(fhirContext).validate(subscription);
            assertThat(report.isValid()).as(report.summary()).isTrue();
        }
    }

    @Test
    void recordsUnknownMistypedAndSelfReferralsAsUnmatchedAndWritesNothing() {
        String advocateId = ehr.create(Patients.existing("Selfish"));
        String code = api.enrol(advocateId);
        String mistyped = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");

        String unknownId = ehr.create(Patients.referredWithCode("Unknown", "ZZZZ-ZZZ" + checkOf("ZZZZZZZ")));
        String typoId = ehr.create(Patients.referredWithCode("Typo", mistyped));
        String malformedId = ehr.create(Patients.referredWithCode("Malformed", "not a code"));

        assertThat(awaitReferralOf(unknownId))
                .containsEntry("status", "UNMATCHED")
                .containsEntry("unmatchedReason", "UNKNOWN_CODE");
        assertThat(awaitReferralOf(typoId)).containsEntry("unmatchedReason", "BAD_CHECK_CHARACTER");
        assertThat(awaitReferralOf(malformedId)).containsEntry("unmatchedReason", "MALFORMED_CODE");

        // the advocate adds their own code to their record: a self-referral
        Patient self = ehr.patient(advocateId);
        self.addExtension(Patients.referredWithCode("x", code).getExtensionByUrl(ReferralSource.URL));
        ehr.client().update().resource(self).execute();
        assertThat(awaitReferralOf(advocateId)).containsEntry("unmatchedReason", "SELF_REFERRAL");

        awaitInboxIdle();
        for (String id : List.of(unknownId, typoId, malformedId)) {
            assertThat(ehr.patient(id).getMeta().getVersionId())
                    .as("Patient/%s untouched", id)
                    .isEqualTo("1");
        }
        assertThat(outboxRowsFor(unknownId) + outboxRowsFor(typoId) + outboxRowsFor(malformedId))
                .isZero();
    }

    @Test
    void recordsNothingForPatientWithoutReferralEvidence() {
        String id = ehr.create(Patients.existing("Plain"));

        await().atMost(WAIT).until(() -> inboxDone("Patient/" + id + "/_history/1"));
        assertThat(api.referralOf(id)).isNull();
        assertThat(outboxRowsFor(id)).isZero();
        assertThat(ehr.patient(id).getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void ownWriteBackComesBackAsNotificationAndChangesNothing() {
        String advocateId = ehr.create(Patients.existing("Loop"));
        String code = api.enrol(advocateId);
        String referredId = ehr.create(Patients.referredWithCode("LoopReferred", code));

        await().atMost(WAIT)
                .until(() -> "2".equals(ehr.patient(referredId).getMeta().getVersionId()));
        await().atMost(WAIT).until(() -> inboxDone("Patient/" + referredId + "/_history/2"));
        awaitInboxIdle();
        awaitOutboxIdle();

        assertThat(ehr.patient(referredId).getMeta().getVersionId()).isEqualTo("2");
        assertThat(outboxRowsFor(referredId)).isEqualTo(1);
        assertThat(api.referrals().stream().filter(r -> referredId.equals(r.get("referredPatientId"))))
                .hasSize(1);
    }

    private Map<String, Object> awaitReferralOf(String patientId) {
        return await().atMost(WAIT).until(() -> api.referralOf(patientId), r -> r != null);
    }

    private static String referrerOn(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        Extension referrer = source == null ? null : source.getExtensionByUrl(ReferralSource.REFERRER);
        return referrer == null ? null : ((Reference) referrer.getValue()).getReference();
    }

    private boolean inboxDone(String dedupeKey) {
        return jdbc.sql("select count(*) from inbox where dedupe_key = ? and status = 'done'")
                        .param(dedupeKey)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private void awaitInboxIdle() {
        await().atMost(WAIT).until(() -> pending("inbox") == 0);
    }

    private void awaitOutboxIdle() {
        await().atMost(WAIT).until(() -> pending("outbox") == 0);
    }

    private long pending(String table) {
        return jdbc.sql("select count(*) from " + table + " where status = 'pending'")
                .query(Long.class)
                .single();
    }

    private long outboxRowsFor(String patientId) {
        return jdbc.sql("select count(*) from outbox where resource_id = ? and kind = 'referrer-reference'")
                .param(patientId)
                .query(Long.class)
                .single();
    }

    private static char checkOf(String payload) {
        return org.referralbridge.server.referral.ReferralCodes.checkCharacter(payload);
    }
}
