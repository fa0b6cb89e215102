package org.referralbridge.server.ingest;

import java.util.List;
import java.util.Optional;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.ReferralEvidence;
import org.referralbridge.mapping.ReferrerIdentifier;
import org.referralbridge.mapping.ReferrerLookup;
import org.referralbridge.server.profiles.ReferrerSearch;
import org.referralbridge.server.profiles.UnmappedValues;
import org.referralbridge.server.referral.PatientFacts;
import org.referralbridge.server.referral.ReferralClaim;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralRecording;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.ReferralView;
import org.referralbridge.server.referral.ReviewCandidate;

/**
 * Turns the evidence a profile found (on a Patient or in a QuestionnaireResponse) into a referral claim and records
 * it: the profile's matching strategies in its order, an identifier looked up on the EHR, a referrer described by
 * demographics turned into scored candidates for staff (never linked here), and the source's rank in the profile's
 * precedence. The referral module decides; a finished Encounter that came first is looked up afterwards.
 */
class EvidenceClaims {

    private final MappingProfile profile;
    private final ReferrerSearch search;
    private final UnmappedValues unmapped;
    private final ReferralManagement referrals;
    private final FinishedEncounters encounters;

    EvidenceClaims(
            MappingProfile profile,
            ReferrerSearch search,
            UnmappedValues unmapped,
            ReferralManagement referrals,
            FinishedEncounters encounters) {
        this.profile = profile;
        this.search = search;
        this.unmapped = unmapped;
        this.referrals = referrals;
        this.encounters = encounters;
    }

    void record(ReferralEvidence evidence) {
        record(evidence, null);
    }

    /**
     * @param referredPatient what the Patient the evidence is on says of the patient, when it is in hand (the
     *     referral module reads it from the EHR otherwise)
     */
    void record(ReferralEvidence evidence, PatientFacts referredPatient) {
        unmapped.count(profile.name(), UnmappedValues.CHANNEL, evidence.unmappedChannels());
        ReferralClaim claim = claim(evidence);
        if (referredPatient != null && referredPatient.patientId().equals(claim.referredPatientId())) {
            claim = claim.withReferredPatient(referredPatient);
        }
        Optional<ReferralRecording> recording = referrals.record(claim);
        // also when the referral was recorded earlier: a retry after a failed look-up must look again
        if (recording.isPresent()
                && (recording.get().referral().firstEncounterId() == null
                        || awaitsQualification(recording.get().referral()))) {
            encounters.lookUpFor(evidence.patientId());
        }
    }

    /**
     * Under a program, a linked referral with a finished Encounter noted but not yet counted may still qualify by an
     * Encounter that came before the link (the kind of Encounter is read from the EHR, not kept on the referral).
     */
    private boolean awaitsQualification(ReferralView referral) {
        return referral.status() == ReferralStatus.LINKED
                && referral.successCountedAt() == null
                && referrals.qualificationApplies();
    }

    ReferralClaim claim(ReferralEvidence evidence) {
        String code = null;
        String reference = null;
        List<ReviewCandidate> candidates = List.of();
        // the EHR searches are for a referral still without its referrer; a linked one is never replaced
        boolean searchTheEhr = !referrals.isLinked(evidence.patientId());
        for (ReferrerLookup lookup : profile.referrerMatching().lookupsFor(evidence)) {
            if (lookup instanceof ReferrerLookup.ByReferralCode byCode) {
                code = code == null ? byCode.referralCode() : code;
            } else if (lookup instanceof ReferrerLookup.ByReference byReference) {
                reference = reference == null ? byReference.reference() : reference;
            } else if (lookup instanceof ReferrerLookup.ByIdentifier byIdentifier
                    && reference == null
                    && searchTheEhr) {
                reference = search.byIdentifier(new ReferrerIdentifier(byIdentifier.system(), byIdentifier.value()))
                        .map(id -> "Patient/" + id)
                        .orElse(null);
            } else if (lookup instanceof ReferrerLookup.ByDescription byDescription
                    && candidates.isEmpty()
                    && searchTheEhr) {
                candidates = search.candidates(byDescription.description(), evidence.patientId()).stream()
                        .map(found -> new ReviewCandidate(found.patientId(), found.score()))
                        .toList();
            }
        }
        return new ReferralClaim(
                evidence.patientId(),
                code,
                reference,
                evidence.channel().code(),
                evidence.capturedAt().map(at -> at.toInstant()).orElse(null),
                evidence.sourceResourceType(),
                profile.rank(evidence.sourceResourceType()),
                candidates,
                evidence.program().orElse(null),
                null);
    }
}
