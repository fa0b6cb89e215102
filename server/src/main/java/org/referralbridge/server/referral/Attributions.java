package org.referralbridge.server.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.conformance.ReferralCode;
import org.springframework.stereotype.Component;

/**
 * Decides whom a claim credits: the code's holder, else a referrer the EHR names (or one found by identifier),
 * unless it is the patient themself (the same Patient, or one the identity checks found to be the same person); else
 * the candidates of a referrer named by demographics (for staff); with none of them, the channel alone. The first
 * that links wins (or asks staff, when it may be the patient under another record); otherwise the first reason it
 * failed.
 */
@Component
class Attributions {

    private final Advocates advocates;

    Attributions(Advocates advocates) {
        this.advocates = advocates;
    }

    /** Who gets the credit, without identity checks (as if the EHR said nothing of either patient). */
    Attribution attribute(ReferralClaim claim) {
        return attribute(claim, Map.of());
    }

    /**
     * Who gets the credit: the code's holder, else a referrer the EHR names, unless it is the patient themself; with
     * neither, the channel alone.
     *
     * @param identities for an advocate's Patient id, whether they and the referred patient are one person
     */
    Attribution attribute(ReferralClaim claim, Map<String, IdentityCheck> identities) {
        if (!claim.hasCode() && !claim.hasReferrer() && !claim.hasCandidates()) {
            return Attribution.CHANNEL_ONLY;
        }
        UnmatchedReason firstFailure = null;
        if (claim.hasCode()) {
            Attribution byCode = byCode(claim, identities);
            if (byCode.decided()) {
                return byCode;
            }
            firstFailure = byCode.reason();
        }
        if (claim.hasReferrer()) {
            Attribution byReferrer =
                    linkedUnlessSelf(claim, referrerAdvocate(claim), identities, UnmatchedReason.REFERRER_NOT_ADVOCATE);
            if (byReferrer.decided()) {
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

    /**
     * The advocates a claim names, in the order they are tried (the code's holder, then the referrer the EHR names),
     * other than the referred patient themself; reads only.
     */
    List<Advocate> namedAdvocates(ReferralClaim claim) {
        List<Advocate> named = new ArrayList<>();
        if (claim.hasCode() && ReferralCode.parse(claim.referralCode()) instanceof ReferralCode.Parsed.Valid valid) {
            advocates.findByReferralCode(valid.normalized()).ifPresent(named::add);
        }
        if (claim.hasReferrer()) {
            referrerAdvocate(claim)
                    .filter(advocate -> named.stream().noneMatch(n -> n.id().equals(advocate.id())))
                    .ifPresent(named::add);
        }
        named.removeIf(advocate -> advocate.patientId().equals(claim.referredPatientId()));
        return named;
    }

    private Optional<Advocate> referrerAdvocate(ReferralClaim claim) {
        return PatientReference.idOf(claim.referrerReference()).flatMap(advocates::findByPatientId);
    }

    private Attribution byCode(ReferralClaim claim, Map<String, IdentityCheck> identities) {
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
                identities,
                UnmatchedReason.UNKNOWN_CODE);
    }

    private static Attribution linkedUnlessSelf(
            ReferralClaim claim,
            Optional<Advocate> advocate,
            Map<String, IdentityCheck> identities,
            UnmatchedReason whenNone) {
        if (advocate.isEmpty()) {
            return Attribution.unmatched(whenNone);
        }
        if (advocate.get().patientId().equals(claim.referredPatientId())) {
            return Attribution.unmatched(UnmatchedReason.SELF_REFERRAL);
        }
        IdentityCheck identity = identities.getOrDefault(advocate.get().patientId(), IdentityCheck.DIFFERENT);
        if (identity.selfReferral()) {
            return Attribution.unmatched(UnmatchedReason.SELF_REFERRAL);
        }
        if (identity.possibleDuplicate()) {
            return Attribution.possibleDuplicate(advocate.get(), identity.duplicateSignals());
        }
        return new Attribution(ReferralStatus.LINKED, advocate.get(), null);
    }
}
