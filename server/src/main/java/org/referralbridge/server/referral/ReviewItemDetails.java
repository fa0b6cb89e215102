package org.referralbridge.server.referral;

import java.util.List;

/**
 * A review item opened by a front-desk user: each candidate with what the EHR says of them now (read at this moment,
 * never stored), so staff can tell whether the patient meant them.
 *
 * @param referredPatient for a possible duplicate, what the EHR says of the referred patient now, to compare with the
 *     advocate; null for another kind, or when the EHR no longer has the Patient
 */
public record ReviewItemDetails(
        ReviewItemView item, List<Candidate> candidates, EhrPatients.PatientSummary referredPatient) {

    /**
     * @param advocate whether the candidate is already an enrolled advocate (a confirmation enrols one who is not)
     * @param patient what the EHR says of them; null when the EHR no longer has the Patient
     */
    public record Candidate(String patientId, int score, boolean advocate, EhrPatients.PatientSummary patient) {}
}
