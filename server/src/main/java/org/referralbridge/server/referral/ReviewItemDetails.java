package org.referralbridge.server.referral;

import java.util.List;

/**
 * A review item opened by a front-desk user: each candidate with what the EHR says of them now (read at this moment,
 * never stored), so staff can tell whether the patient meant them.
 */
public record ReviewItemDetails(ReviewItemView item, List<Candidate> candidates) {

    /**
     * @param advocate whether the candidate is already an enrolled advocate (a confirmation enrols one who is not)
     * @param patient what the EHR says of them; null when the EHR no longer has the Patient
     */
    public record Candidate(String patientId, int score, boolean advocate, EhrPatients.PatientSummary patient) {}
}
