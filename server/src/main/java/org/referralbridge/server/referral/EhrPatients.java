package org.referralbridge.server.referral;

/** What this module needs to know of the EHR's patients; the EHR connection implements it. */
public interface EhrPatients {

    /**
     * @return whether the EHR has a (not deleted) Patient with this id
     * @throws EhrUnreachable when the EHR cannot answer now
     */
    boolean exists(String patientId);

    /**
     * What the EHR says of a patient now, for a front-desk user deciding a review item. PHI: shown to that user in the
     * answer, never logged or stored.
     *
     * @return empty when the EHR has no such patient
     * @throws EhrUnreachable when the EHR cannot answer now
     */
    java.util.Optional<PatientSummary> summary(String patientId);

    /**
     * What the EHR says of a patient that tells whether two Patients are one person (identifiers, Patient.link,
     * family names, birth date, phones, emails), for the identity checks of a claim. PHI: compared, never logged or
     * stored.
     *
     * @return empty when the EHR has no such patient
     * @throws EhrUnreachable when the EHR cannot answer now
     */
    java.util.Optional<PatientFacts> facts(String patientId);

    /** A patient as the EHR names them: for the front desk's eyes only. */
    record PatientSummary(String name, String birthDate, String gender, String phone, String email) {

        @Override
        public String toString() {
            return "PatientSummary[PHI]";
        }
    }

    /** The EHR could not be asked; try again later. */
    class EhrUnreachable extends RuntimeException {

        public EhrUnreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
