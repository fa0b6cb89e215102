package org.referralbridge.fhirplugin.hapi;

import java.util.List;

/** Finds the advocates (Patients carrying the {@code referral-advocate} extension) who own a referral code. */
interface AdvocateDirectory {

    /**
     * Ids (without type or version) of the Patients whose {@code referral-advocate} code is exactly {@code code}; at
     * least the first two, so that a code owned twice is seen as ambiguous.
     */
    List<String> patientIdsWithCode(String code);
}
