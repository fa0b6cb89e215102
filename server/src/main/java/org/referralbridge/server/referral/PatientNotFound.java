package org.referralbridge.server.referral;

/** The EHR has no Patient with the given id. */
class PatientNotFound extends RuntimeException {

    PatientNotFound(String patientId) {
        super("The EHR has no Patient with id " + patientId);
    }
}
