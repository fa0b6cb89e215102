package org.referralbridge.server.referral;

import java.util.Optional;
import org.referralbridge.conformance.ReferralCode;
import org.springframework.stereotype.Component;

/**
 * Decides whom a claim credits: the code's holder, else a referrer the EHR names (or one found by identifier),
 * unless it is the patient themself; else the candidates of a referrer named by demographics (for staff); with none
 * of them, the channel alone. The first that links wins; otherwise the first reason it failed.
 */
@Component
class Attributions {

    private final Advocates advocates;

    Attributions(Advocates advocates) {
        this.advocates = advocates;
    }

    /**
     * Who gets the credit: the code's holder, else a referrer the EHR names, unless it is the patient themself; with
     * neither, the channel alone.
     */
    Attribution attribute(ReferralClaim claim) {
        if (!claim.hasCode() && !claim.hasReferrer() && !claim.hasCandidates()) {
            return Attribution.CHANNEL_ONLY;
        }
        UnmatchedReason firstFailure = null;
        if (claim.hasCode()) {
            Attribution byCode = byCode(claim);
            if (byCode.status() == ReferralStatus.LINKED) {
                return byCode;
            }
            firstFailure = byCode.reason();
        }
        if (claim.hasReferrer()) {
            Attribution byReferrer = linkedUnlessSelf(
                    claim,
                    PatientReference.idOf(claim.referrerReference()).flatMap(advocates::findByPatientId),
                    UnmatchedReason.REFERRER_NOT_ADVOCATE);
            if (byReferrer.status() == ReferralStatus.LINKED) {
                return byReferrer;
            }
            firstFailure = firstFailure == null ? byReferrer.reason() : firstFailure;
        }
        boolean othersThanThePatient = claim.candidates().stream()
                .anyMatch(candidate -> !candidate.patientId().equals(claim.referredPatientId()));
        if (othersThanThePatient) {
            return Attribution.IN_REVIEW;
        }
        return Attribution.unmatched(firstFailure == null ? UnmatchedReason.REFERRER_NOT_ADVOCATE : firstFailure);
    }

    private Attribution byCode(ReferralClaim claim) {
        ReferralCode.Parsed parsed = ReferralCode.parse(claim.referralCode());
        if (parsed instanceof ReferralCode.Parsed.Malformed) {
            return Attribution.unmatched(UnmatchedReason.MALFORMED_CODE);
        }
        if (parsed instanceof ReferralCode.Parsed.BadCheckCharacter) {
            return Attribution.unmatched(UnmatchedReason.BAD_CHECK_CHARACTER);
        }
        return linkedUnlessSelf(
                claim,
                advocates.findByReferralCode(((ReferralCode.Parsed.Valid) parsed).normalized()),
                UnmatchedReason.UNKNOWN_CODE);
    }

    private static Attribution linkedUnlessSelf(
            ReferralClaim claim, Optional<Advocate> advocate, UnmatchedReason whenNone) {
        if (advocate.isEmpty()) {
            return Attribution.unmatched(whenNone);
        }
        if (advocate.get().patientId().equals(claim.referredPatientId())) {
            return Attribution.unmatched(UnmatchedReason.SELF_REFERRAL);
        }
        return new Attribution(ReferralStatus.LINKED, advocate.get(), null);
    }
}
