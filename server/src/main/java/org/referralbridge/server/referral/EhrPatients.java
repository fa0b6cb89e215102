package org.referralbridge.server.referral;

/** What this module needs to know of the EHR's patients; the EHR connection implements it. */
public interface EhrPatients {

    /**
     * @return whether the EHR has a (not deleted) Patient with this id
     * @throws EhrUnreachable when the EHR cannot answer now
     */
    boolean exists(String patientId);

    /** The EHR could not be asked; try again later. */
    class EhrUnreachable extends RuntimeException {

        public EhrUnreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
