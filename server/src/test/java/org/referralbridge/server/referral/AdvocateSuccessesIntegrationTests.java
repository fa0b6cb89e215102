package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.server.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A referred patient's first finished Encounter makes the referral a success of its advocate (until the rewards
 * rules define "qualified"): counted once per referred patient, whatever the repeats, order or number of workers, and
 * published as {@link AdvocateSuccessesCounted} in the transaction that counts it.
 */
@IntegrationTest
class AdvocateSuccessesIntegrationTests {

    private static final Instant MARCH_1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T10:00:00Z");

    @Autowired
    ReferralManagement referrals;

    @Autowired
    Advocates advocates;

    @Autowired
    CountedSuccesses counted;

    @Test
    void countsAReferredPatientsFirstFinishedEncounterOnceAndPublishesTheCountInItsTransaction() {
        Advocate advocate = enrolled("success-advocate", 21);
        record("success-referred", advocate.code().display());

        referrals.encounterFinished("success-referred", "later", MARCH_2);
        referrals.encounterFinished("success-referred", "earlier", MARCH_1);
        referrals.encounterFinished("success-referred", "later", MARCH_2);

        assertThat(referrals.advocate(advocate.code().display()).successfulReferrals())
                .isEqualTo(1);
        assertThat(counted.of(advocate)).singleElement().satisfies(event -> {
            assertThat(event.event().successfulReferrals()).isEqualTo(1);
            assertThat(event.event().patientId()).isEqualTo("success-advocate");
            assertThat(event.event().referralCode()).isEqualTo(advocate.code().display());
            assertThat(event.inTransaction()).isTrue();
        });
        ReferralView referral = referral("success-referred");
        assertThat(referral.firstEncounterId()).isEqualTo("earlier");
        assertThat(referral.successCountedAt()).isNotNull();
    }

    @Test
    void anEncounterNotedWhileUnmatchedCountsOnceTheCorrectedCodeLinks() {
        Advocate advocate = enrolled("late-link-advocate", 22);
        record("late-link-referred", "not a code");
        referrals.encounterFinished("late-link-referred", "visit", MARCH_1);
        assertThat(counted.of(advocate)).isEmpty();

        record("late-link-referred", advocate.code().display());

        assertThat(referrals.advocate(advocate.code().display()).successfulReferrals())
                .isEqualTo(1);
        assertThat(counted.of(advocate)).hasSize(1);
    }

    @Test
    void unmatchedAndChannelOnlyReferralsAreNoAdvocatesSuccess() {
        Advocate advocate = enrolled("no-credit-advocate", 23);
        referrals.record(new ReferralClaim("no-credit-channel", null, null, "campaign", null));
        referrals.record(new ReferralClaim("no-credit-stranger", null, "Patient/nobody", "patient", null));

        assertThat(referrals.encounterFinished("no-credit-channel", "a", MARCH_1))
                .isPresent();
        assertThat(referrals.encounterFinished("no-credit-stranger", "b", MARCH_1))
                .hasValueSatisfying(r -> assertThat(r.successCountedAt()).isNull());
        assertThat(referrals.advocate(advocate.code().display()).successfulReferrals())
                .isZero();
    }

    @Test
    void successesOfManyReferredPatientsNotedAtOnceByManyWorkersAllCountOnce() throws Exception {
        Advocate advocate = enrolled("busy-advocate", 24);
        int patients = 8;
        for (int i = 0; i < patients; i++) {
            record("busy-referred-" + i, advocate.code().display());
        }

        int workers = patients * 2; // every Encounter noted twice, at the same moment
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String patient = "busy-referred-" + (i % patients);
            Instant at = i < patients ? MARCH_2 : MARCH_1;
            tasks.add(() -> {
                start.await();
                return referrals.encounterFinished(patient, "visit-" + at.getEpochSecond(), at);
            });
        }
        for (Future<Object> done : pool.invokeAll(tasks)) {
            done.get();
        }
        pool.shutdown();

        assertThat(referrals.advocate(advocate.code().display()).successfulReferrals())
                .isEqualTo(patients);
        assertThat(counted.of(advocate))
                .extracting(e -> e.event().successfulReferrals())
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    private void record(String patientId, String code) {
        referrals.record(new ReferralClaim(patientId, code, null, "patient", null));
    }

    private ReferralView referral(String patientId) {
        return referrals
                .referrals(null, org.springframework.data.domain.PageRequest.of(0, 500))
                .filter(r -> r.referredPatientId().equals(patientId))
                .stream()
                .findFirst()
                .orElseThrow();
    }

    private Advocate enrolled(String patientId, int seed) {
        return advocates.save(Advocate.enrol(patientId, ReferralCode.generate(new Random(seed)), Instant.now()));
    }

    /** Every count published, and whether a transaction was open when it was (the write-back's outbox row needs one). */
    static class CountedSuccesses {

        private final List<Published> published = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AdvocateSuccessesCounted event) {
            published.add(new Published(event, TransactionSynchronizationManager.isActualTransactionActive()));
        }

        List<Published> of(Advocate advocate) {
            return published.stream()
                    .filter(p -> p.event().advocateId().equals(advocate.id()))
                    .toList();
        }

        record Published(AdvocateSuccessesCounted event, boolean inTransaction) {}
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listening {

        @Bean
        CountedSuccesses countedSuccesses() {
            return new CountedSuccesses();
        }
    }
}
