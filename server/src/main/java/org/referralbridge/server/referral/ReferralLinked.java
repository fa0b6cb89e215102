package org.referralbridge.server.referral;

import java.util.UUID;

/** A new patient was linked to the advocate who referred them: their record should name the referrer. */
public record ReferralLinked(UUID referralId, String referredPatientId, UUID advocateId, String advocatePatientId) {

    /** The FHIR reference to the referrer, e.g. {@code Patient/7}. */
    public String referrerReference() {
        return "Patient/" + advocatePatientId;
    }
}
