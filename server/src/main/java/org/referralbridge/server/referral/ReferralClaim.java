package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.List;

/**
 * Referral evidence found on a new patient's record, as the ingest module read it from the EHR.
 *
 * @param referredPatientId the new patient's id in the EHR
 * @param referralCode the code as the patient gave it, or null
 * @param referrerReference a referrer the EHR already names (e.g. {@code Patient/7}), or one the ingest module found
 *     by an identifier the patient gave; or null
 * @param channel our referral-channel code, or null
 * @param capturedAt when the front desk or form captured it, or null
 * @param evidenceSource the resource type the evidence came from ({@code Patient}, {@code QuestionnaireResponse})
 * @param evidenceRank that source's place in the mapping profile's precedence, 0 the highest
 * @param candidates EHR Patients that may be the referrer the patient named by demographics only (free text, name,
 *     birth date...): never linked without a staff decision, so they open a review item when nothing else links
 * @param programKey the program the evidence names (the {@code program} of the referral-source extension), or null:
 *     then the default program applies
 * @param referredPatient what the EHR says of the referred patient, for the identity checks (self-referral, possible
 *     duplicate), when the ingest module has the Patient in hand; null to have it read when needed. PHI: never logged
 */
public record ReferralClaim(
        String referredPatientId,
        String referralCode,
        String referrerReference,
        String channel,
        Instant capturedAt,
        String evidenceSource,
        int evidenceRank,
        List<ReviewCandidate> candidates,
        String programKey,
        PatientFacts referredPatient) {

    public static final String PATIENT = "Patient";

    public ReferralClaim {
        if (referredPatientId == null || referredPatientId.isBlank()) {
            throw new IllegalArgumentException("a referral claim needs the referred patient's id");
        }
        evidenceSource = evidenceSource == null ? PATIENT : evidenceSource;
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        programKey = programKey == null || programKey.isBlank() ? null : programKey.strip();
        if (referredPatient != null && !referredPatient.patientId().equals(referredPatientId)) {
            throw new IllegalArgumentException("the referred patient's facts are of another Patient");
        }
    }

    /** A claim that names no program, without the referred patient's facts (read when the identity checks need them). */
    public ReferralClaim(
            String referredPatientId,
            String referralCode,
            String referrerReference,
            String channel,
            Instant capturedAt,
            String evidenceSource,
            int evidenceRank,
            List<ReviewCandidate> candidates) {
        this(
                referredPatientId,
                referralCode,
                referrerReference,
                channel,
                capturedAt,
                evidenceSource,
                evidenceRank,
                candidates,
                null,
                null);
    }

    /** This claim with what the EHR says of the referred patient (the Patient the ingest module has in hand). */
    public ReferralClaim withReferredPatient(PatientFacts facts) {
        return new ReferralClaim(
                referredPatientId,
                referralCode,
                referrerReference,
                channel,
                capturedAt,
                evidenceSource,
                evidenceRank,
                candidates,
                programKey,
                facts);
    }

    /** Evidence on the Patient itself, the highest-ranked source, without candidates. */
    public ReferralClaim(
            String referredPatientId,
            String referralCode,
            String referrerReference,
            String channel,
            Instant capturedAt) {
        this(
                referredPatientId,
                referralCode,
                referrerReference,
                channel,
                capturedAt,
                PATIENT,
                0,
                List.of(),
                null,
                null);
    }

    /** A code, a referrer, candidates, or at least a channel (e.g. "I found you on Instagram"). */
    boolean hasEvidence() {
        return hasCode() || hasReferrer() || hasCandidates() || channel != null && !channel.isBlank();
    }

    boolean hasCode() {
        return referralCode != null && !referralCode.isBlank();
    }

    boolean hasReferrer() {
        return referrerReference != null && !referrerReference.isBlank();
    }

    boolean hasCandidates() {
        return !candidates.isEmpty();
    }
}
