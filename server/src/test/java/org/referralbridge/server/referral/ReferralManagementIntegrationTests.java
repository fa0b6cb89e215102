package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.server.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The domain's guarantees when several workers (or instances) act on one patient at the same moment. */
@IntegrationTest
class ReferralManagementIntegrationTests {

    @Autowired
    ReferralManagement referrals;

    @Autowired
    Advocates advocates;

    @Autowired
    JdbcClient jdbc;

    @Test
    void racingClaimsForOnePatientRecordOneReferralAndOneWriteBack() throws Exception {
        Advocate advocate = advocates.save(Advocate.enrol(
                "race-advocate", ReferralCode.generate(new java.util.Random(7)), java.time.Instant.now()));
        ReferralClaim claim =
                new ReferralClaim("race-referred", advocate.code().display(), null, "friend-family", null);

        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Callable<Optional<ReferralRecording>>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                start.await();
                return referrals.record(claim);
            });
        }
        List<ReferralRecording> recordings = new ArrayList<>();
        for (Future<Optional<ReferralRecording>> result : pool.invokeAll(tasks)) {
            recordings.add(result.get().orElseThrow());
        }
        pool.shutdown();

        assertThat(recordings).filteredOn(ReferralRecording::newlyRecorded).hasSize(1);
        assertThat(recordings)
                .extracting(r -> r.referral().id())
                .containsOnly(recordings.get(0).referral().id());
        assertThat(jdbc.sql("select count(*) from outbox where resource_id = 'race-referred'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void firstValidReferralWins() {
        Advocate first = advocates.save(Advocate.enrol(
                "first-advocate", ReferralCode.generate(new java.util.Random(1)), java.time.Instant.now()));
        Advocate second = advocates.save(Advocate.enrol(
                "second-advocate", ReferralCode.generate(new java.util.Random(2)), java.time.Instant.now()));

        referrals.record(new ReferralClaim("contested", first.code().value(), null, "friend-family", null));
        Optional<ReferralRecording> later =
                referrals.record(new ReferralClaim("contested", second.code().value(), null, "friend-family", null));

        assertThat(later).hasValueSatisfying(recording -> {
            assertThat(recording.newlyRecorded()).isFalse();
            assertThat(recording.referral().advocateId()).isEqualTo(first.id());
        });
    }

    @Test
    void linksByAReferrerTheEhrAlreadyNamesAndRefusesOneWhoIsNotAnAdvocate() {
        Advocate advocate = advocates.save(Advocate.enrol(
                "named-advocate", ReferralCode.generate(new java.util.Random(3)), java.time.Instant.now()));

        ReferralView linked = referrals
                .record(new ReferralClaim("named-referred", null, "Patient/named-advocate", "patient", null))
                .orElseThrow()
                .referral();
        ReferralView stranger = referrals
                .record(new ReferralClaim("stranger-referred", null, "Patient/nobody", "patient", null))
                .orElseThrow()
                .referral();

        assertThat(linked.status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(linked.advocateId()).isEqualTo(advocate.id());
        assertThat(stranger.unmatchedReason()).isEqualTo(UnmatchedReason.REFERRER_NOT_ADVOCATE);
        assertThat(referrals.record(new ReferralClaim("no-evidence", " ", null, "other", null)))
                .isEmpty();
    }
}
