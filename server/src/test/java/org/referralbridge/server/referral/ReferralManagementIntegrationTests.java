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
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The domain's guarantees when several workers (or instances) act on one patient at the same moment. */
@IntegrationTest
class ReferralManagementIntegrationTests {

    @Autowired
    ReferralManagement referrals;

    @Autowired
    Advocates advocates;

    @Autowired
    SupersededReferrals history;

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
        assertThat(referrals.record(new ReferralClaim("no-evidence", " ", null, null, null)))
                .isEmpty();
    }

    @Test
    void aCorrectedCodeSupersedesTheUnmatchedReferralAndKeepsItsHistory() {
        Advocate advocate = enrolled("corrected-advocate", 11);
        String code = advocate.code().display();
        String mistyped = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");

        ReferralView typo = recorded(new ReferralClaim("corrected", mistyped, null, "friend-family", null));
        ReferralRecording corrected = referrals
                .record(new ReferralClaim("corrected", code, null, "friend-family", null))
                .orElseThrow();

        assertThat(typo.status()).isEqualTo(ReferralStatus.UNMATCHED);
        assertThat(corrected.newlyRecorded()).isTrue();
        assertThat(corrected.referral().id()).isEqualTo(typo.id());
        assertThat(corrected.referral().status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(corrected.referral().advocateId()).isEqualTo(advocate.id());
        assertThat(corrected.referral().unmatchedReason()).isNull();
        assertThat(history.findByReferralIdOrderBySupersededAtAsc(typo.id()))
                .extracting(
                        SupersededReferral::status,
                        SupersededReferral::unmatchedReason,
                        SupersededReferral::referralCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        ReferralStatus.UNMATCHED, UnmatchedReason.BAD_CHECK_CHARACTER, mistyped));
        assertThat(referrerWriteBacks("corrected")).isEqualTo(1);
    }

    @Test
    void anUnknownOrSelfCodeNoLongerBlocksTheRightOne() {
        Advocate self = enrolled("self-and-referred", 12);
        Advocate other = enrolled("the-real-referrer", 13);
        String unknown = "ZZZZ-ZZZ" + ReferralCodes.checkCharacter("ZZZZZZZ");

        ReferralView first = recorded(new ReferralClaim("self-and-referred", unknown, null, "patient", null));
        ReferralView second =
                recorded(new ReferralClaim("self-and-referred", self.code().display(), null, "patient", null));
        ReferralView third =
                recorded(new ReferralClaim("self-and-referred", other.code().display(), null, "patient", null));

        assertThat(first.unmatchedReason()).isEqualTo(UnmatchedReason.UNKNOWN_CODE);
        assertThat(second.unmatchedReason()).isEqualTo(UnmatchedReason.SELF_REFERRAL);
        assertThat(third.status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(third.advocateId()).isEqualTo(other.id());
        assertThat(history.findByReferralIdOrderBySupersededAtAsc(first.id()))
                .extracting(SupersededReferral::unmatchedReason)
                .containsExactly(UnmatchedReason.UNKNOWN_CODE, UnmatchedReason.SELF_REFERRAL);
    }

    @Test
    void theSameUnmatchedClaimAgainChangesNothing() {
        String unknown = "YYYY-YYY" + ReferralCodes.checkCharacter("YYYYYYY");
        ReferralClaim claim = new ReferralClaim("repeated-unmatched", unknown, null, "patient", null);

        ReferralView first = recorded(claim);
        Optional<ReferralRecording> again = referrals.record(claim);

        assertThat(again).hasValueSatisfying(r -> assertThat(r.newlyRecorded()).isFalse());
        assertThat(history.findByReferralIdOrderBySupersededAtAsc(first.id())).isEmpty();
    }

    @Test
    void aLinkedReferralIsNeverReplacedByAnUnmatchedOrChannelOnlyClaim() {
        Advocate advocate = enrolled("kept-advocate", 14);
        ReferralView linked =
                recorded(new ReferralClaim("kept-linked", advocate.code().display(), null, "patient", null));

        Optional<ReferralRecording> unmatched =
                referrals.record(new ReferralClaim("kept-linked", "not a code", null, "patient", null));
        Optional<ReferralRecording> channel =
                referrals.record(new ReferralClaim("kept-linked", null, null, "social", null));

        assertThat(List.of(unmatched.orElseThrow(), channel.orElseThrow())).allSatisfy(recording -> {
            assertThat(recording.newlyRecorded()).isFalse();
            assertThat(recording.referral().status()).isEqualTo(ReferralStatus.LINKED);
            assertThat(recording.referral().advocateId()).isEqualTo(advocate.id());
        });
        assertThat(history.findByReferralIdOrderBySupersededAtAsc(linked.id())).isEmpty();
    }

    @Test
    void aChannelWithoutReferrerIsAChannelOnlyReferralThatAValidOneSupersedes() {
        Advocate advocate = enrolled("channel-advocate", 15);

        ReferralView byChannel = recorded(new ReferralClaim("found-on-social", null, null, "social", null));
        ReferralView linked =
                recorded(new ReferralClaim("found-on-social", advocate.code().display(), null, "social", null));

        assertThat(byChannel.status()).isEqualTo(ReferralStatus.CHANNEL_ONLY);
        assertThat(byChannel.channel()).isEqualTo("social");
        assertThat(byChannel.unmatchedReason()).isNull();
        assertThat(referrals.referrals(ReferralStatus.CHANNEL_ONLY, PageRequest.of(0, 500)))
                .extracting(ReferralView::referredPatientId)
                .doesNotContain("found-on-social");
        assertThat(linked.status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(history.findByReferralIdOrderBySupersededAtAsc(byChannel.id()))
                .extracting(SupersededReferral::status)
                .containsExactly(ReferralStatus.CHANNEL_ONLY);
    }

    private ReferralView recorded(ReferralClaim claim) {
        return referrals.record(claim).orElseThrow().referral();
    }

    private Advocate enrolled(String patientId, int seed) {
        return advocates.save(
                Advocate.enrol(patientId, ReferralCode.generate(new java.util.Random(seed)), java.time.Instant.now()));
    }

    private long referrerWriteBacks(String patientId) {
        return jdbc.sql("select count(*) from outbox where resource_id = ? and kind = 'referrer-reference'")
                .param(patientId)
                .query(Long.class)
                .single();
    }
}
