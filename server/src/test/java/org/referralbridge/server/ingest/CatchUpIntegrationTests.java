package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Lost notifications are only late: the catch-up poller finds what the EHR never sent. */
@IntegrationTest
@TestPropertySource(properties = {"referralbridge.catch-up.interval=3s", "referralbridge.catch-up.overlap=10s"})
class CatchUpIntegrationTests {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    SandboxEhr sandbox;

    @Autowired
    CatchUpPoller poller;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reliableAgain() {
        sandbox.deliverNotificationsOnlyFor(subject -> true);
    }

    @Test
    void linksEveryReferralWithinOnePollIntervalWhenThirtyPercentOfNotificationsAreLost() {
        Ehr ehr = new Ehr(fhirContext, port);
        String code = new AdminApi(port).enrol(ehr.create(Patients.existing("Reliable")));
        Random random = new Random(30);
        Set<String> lost = ConcurrentHashMap.newKeySet();
        sandbox.deliverNotificationsOnlyFor(subject -> {
            if (random.nextDouble() < 0.3) {
                lost.add(subject);
                return false;
            }
            return true;
        });
        long foundBefore = poller.foundCount();

        List<String> referred = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            referred.add(ehr.create(Patients.referredWithCode("Lossy" + i, code)));
        }

        // one poll interval, plus the time to process what it found
        await().atMost(POLL_INTERVAL.plus(Duration.ofSeconds(15)))
                .untilAsserted(() -> assertThat(linkedPatients()).containsAll(referred));
        assertThat(lost).as("notifications were really lost").isNotEmpty();
        assertThat(poller.foundCount()).isGreaterThan(foundBefore);
    }

    @Test
    void pollsTheEncountersQualificationNeedsAndNotThoseInProgress() {
        Ehr ehr = new Ehr(fhirContext, port);
        String patientId = ehr.create(Patients.existing("Visiting"));
        sandbox.deliverNotificationsOnlyFor(subject -> false);
        String inProgress = encounter(ehr, patientId, Encounter.EncounterStatus.INPROGRESS);
        String arrived = encounter(ehr, patientId, Encounter.EncounterStatus.ARRIVED);
        String finished = encounter(ehr, patientId, Encounter.EncounterStatus.FINISHED);
        String cancelled = encounter(ehr, patientId, Encounter.EncounterStatus.CANCELLED);
        String enteredInError = encounter(ehr, patientId, Encounter.EncounterStatus.ENTEREDINERROR);

        await().atMost(POLL_INTERVAL.plus(Duration.ofSeconds(15)))
                .untilAsserted(() -> assertThat(queuedEncounters()).contains(finished, cancelled, enteredInError));
        poller.pollAll(); // once more, in case the scheduled one held the lease: the in-progress ones are older still

        assertThat(queuedEncounters()).doesNotContain(inProgress, arrived);
    }

    private static String encounter(Ehr ehr, String patientId, Encounter.EncounterStatus status) {
        Encounter encounter = Patients.finishedEncounter(patientId, "2026-06-01T10:00:00Z");
        encounter.setStatus(status);
        return ehr.client().create().resource(encounter).execute().getId().getIdPart();
    }

    private Set<String> queuedEncounters() {
        return Set.copyOf(jdbc.sql("select resource_id from inbox where resource_type = 'Encounter'")
                .query(String.class)
                .list());
    }

    private Set<String> linkedPatients() {
        return Set.copyOf(jdbc.sql("select referred_patient_id from referral where status = 'LINKED'")
                .query(String.class)
                .list());
    }
}
