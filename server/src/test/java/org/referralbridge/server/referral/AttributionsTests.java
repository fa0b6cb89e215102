package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ReferralCode;

/** Whom a claim credits once the identity checks have said whether the advocate it names is the patient. */
class AttributionsTests {

    private final InMemoryAdvocates advocates = new InMemoryAdvocates();
    private final Attributions attributions = new Attributions(advocates);
    private final Advocate ana =
            advocates.save(Advocate.enrol("ana", ReferralCode.generate(new Random(11)), Instant.EPOCH));
    private final Advocate bruno =
            advocates.save(Advocate.enrol("bruno", ReferralCode.generate(new Random(12)), Instant.EPOCH));

    @Test
    void anAdvocateWhoIsNotThePatientIsLinked() {
        Attribution attribution = attributions.attribute(byCode(ana), Map.of("ana", IdentityCheck.DIFFERENT));

        assertThat(attribution.status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(attribution.advocate().id()).isEqualTo(ana.id());
    }

    @Test
    void anAdvocateWhoIsThePatientUnderAnotherRecordIsASelfReferral() {
        Attribution attribution = attributions.attribute(byCode(ana), Map.of("ana", IdentityCheck.SAME_PERSON));

        assertThat(attribution.status()).isEqualTo(ReferralStatus.UNMATCHED);
        assertThat(attribution.reason()).isEqualTo(UnmatchedReason.SELF_REFERRAL);
    }

    @Test
    void anAdvocateWhoMayBeThePatientWaitsForStaffWithWhatMatched() {
        IdentityCheck phone = new IdentityCheck(false, Set.of(DuplicateSignal.PHONE));

        Attribution attribution = attributions.attribute(byCode(ana), Map.of("ana", phone));

        assertThat(attribution.status()).isEqualTo(ReferralStatus.IN_REVIEW);
        assertThat(attribution.possibleDuplicate()).isTrue();
        assertThat(attribution.advocate().id()).isEqualTo(ana.id());
        assertThat(attribution.duplicateSignals()).containsExactly(DuplicateSignal.PHONE);
        assertThat(attribution.reason()).isNull();
    }

    @Test
    void aSelfReferralByCodeStillLinksTheReferrerTheEhrNames() {
        ReferralClaim claim = new ReferralClaim("patient", ana.code().display(), "Patient/bruno", null, null);

        Attribution attribution = attributions.attribute(
                claim, Map.of("ana", IdentityCheck.SAME_PERSON, "bruno", IdentityCheck.DIFFERENT));

        assertThat(attribution.status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(attribution.advocate().id()).isEqualTo(bruno.id());
    }

    @Test
    void withoutIdentityChecksOnlyTheSamePatientIsASelfReferral() {
        assertThat(attributions.attribute(byCode(ana)).status()).isEqualTo(ReferralStatus.LINKED);
        assertThat(attributions
                        .attribute(new ReferralClaim("ana", ana.code().display(), null, null, null))
                        .reason())
                .isEqualTo(UnmatchedReason.SELF_REFERRAL);
    }

    @Test
    void theAdvocatesAClaimNamesComeInTheOrderTheyAreTriedWithoutThePatientThemself() {
        ReferralClaim both = new ReferralClaim("patient", ana.code().display(), "Patient/bruno", null, null);
        ReferralClaim self = new ReferralClaim("ana", ana.code().display(), "Patient/ana", null, null);
        ReferralClaim unknown = new ReferralClaim("patient", "not a code", "Patient/nobody", null, null);

        assertThat(attributions.namedAdvocates(both)).extracting(Advocate::id).containsExactly(ana.id(), bruno.id());
        assertThat(attributions.namedAdvocates(self)).isEmpty();
        assertThat(attributions.namedAdvocates(unknown)).isEmpty();
    }

    private static ReferralClaim byCode(Advocate advocate) {
        return new ReferralClaim("patient", advocate.code().display(), null, "friend-family", null);
    }

    /** Advocates in a map: what the attribution reads of them. */
    private static final class InMemoryAdvocates implements Advocates {

        private final Map<UUID, Advocate> byId = new HashMap<>();

        @Override
        public Advocate save(Advocate advocate) {
            byId.put(advocate.id(), advocate);
            return advocate;
        }

        @Override
        public Optional<Advocate> findById(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<Advocate> lockById(UUID id) {
            return findById(id);
        }

        @Override
        public org.springframework.data.domain.Page<Advocate> findAll(org.springframework.data.domain.Pageable page) {
            return new org.springframework.data.domain.PageImpl<>(java.util.List.copyOf(byId.values()));
        }

        @Override
        public Optional<Advocate> findByPatientId(String patientId) {
            return byId.values().stream()
                    .filter(advocate -> advocate.patientId().equals(patientId))
                    .findFirst();
        }

        @Override
        public Optional<Advocate> findByReferralCode(String referralCode) {
            return byId.values().stream()
                    .filter(advocate -> advocate.code().value().equals(referralCode))
                    .findFirst();
        }

        @Override
        public boolean existsByReferralCode(String referralCode) {
            return findByReferralCode(referralCode).isPresent();
        }
    }
}
