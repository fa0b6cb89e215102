package org.referralbridge.server.referral;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The fraud checks of a claim around its attribution: before it (outside the transaction, reading the EHR) whether
 * the referred patient and each advocate the claim names are one person; and, for a referral that already names its
 * referrer, keeping a claim that names another advocate as declined ({@link DeclinedReason#ALREADY_ATTRIBUTED}).
 * Demographics are compared in memory only; logs name ids and signal names.
 */
@Component
class ClaimScreening {

    private static final Logger log = LoggerFactory.getLogger(ClaimScreening.class);

    private final Attributions attributions;
    private final Referrals referrals;
    private final DeclinedClaims declined;
    private final EhrPatients ehrPatients;
    private final Clock clock;

    ClaimScreening(
            Attributions attributions,
            Referrals referrals,
            DeclinedClaims declined,
            EhrPatients ehrPatients,
            Clock clock) {
        this.attributions = attributions;
        this.referrals = referrals;
        this.declined = declined;
        this.ehrPatients = ehrPatients;
        this.clock = clock;
    }

    /**
     * For each advocate the claim names, whether they and the referred patient are one person, as the EHR has them
     * now (the referred patient as the claim carries it, else read too). Nothing is read for a referral that already
     * names its referrer (the claim changes nothing) or a claim that names no advocate.
     *
     * @return by the advocate's Patient id; an advocate missing from the EHR is left out (nothing to compare)
     * @throws EhrPatients.EhrUnreachable when the EHR cannot answer now
     */
    Map<String, IdentityCheck> identities(ReferralClaim claim) {
        List<Advocate> named = attributions.namedAdvocates(claim);
        if (named.isEmpty()
                || referrals
                        .findByReferredPatientId(claim.referredPatientId())
                        .map(referral -> !referral.supersedable())
                        .orElse(false)) {
            return Map.of();
        }
        Optional<PatientFacts> referred = claim.referredPatient() != null
                ? Optional.of(claim.referredPatient())
                : ehrPatients.facts(claim.referredPatientId());
        if (referred.isEmpty()) {
            return Map.of();
        }
        Map<String, IdentityCheck> identities = new HashMap<>();
        for (Advocate advocate : named) {
            ehrPatients
                    .facts(advocate.patientId())
                    .map(referrer -> IdentityCheck.of(referred.get(), referrer))
                    .ifPresent(identity -> identities.put(advocate.patientId(), identity));
        }
        return identities;
    }

    /**
     * A claim for a referral that already names its referrer changes nothing (first valid referral wins); one that
     * names another advocate is kept, once, for staff to see in the referral's history.
     *
     * @return whether the claim was kept as declined now
     */
    boolean declineIfItNamesAnother(Referral referral, ReferralClaim claim) {
        if (referral.advocateId().isEmpty()) {
            return false;
        }
        Optional<Advocate> other = attributions.namedAdvocates(claim).stream()
                .findFirst()
                .filter(advocate -> !advocate.id().equals(referral.advocateId().get()));
        if (other.isEmpty()) {
            return false;
        }
        DeclinedClaim candidate = DeclinedClaim.alreadyAttributed(referral, claim, other.get(), clock.instant());
        if (declined.findByReferralIdOrderByDeclinedAtAsc(referral.id()).stream()
                .anyMatch(candidate::sameAs)) {
            return false;
        }
        declined.save(candidate);
        log.info(
                "A later claim for Patient/{} names advocate {}, not the credited {}: kept as {}",
                referral.referredPatientId(),
                other.get().id(),
                referral.advocateId().get(),
                DeclinedReason.ALREADY_ATTRIBUTED);
        return true;
    }
}
