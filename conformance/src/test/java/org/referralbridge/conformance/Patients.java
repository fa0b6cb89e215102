package org.referralbridge.conformance;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** Test data: fictional Patients in one line. */
final class Patients {

    private Patients() {}

    static Patient named(String given, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        patient.setGender(AdministrativeGender.UNKNOWN);
        return patient;
    }

    /** A new patient who gave {@code referralCode} and was matched to {@code referrer}, e.g. "Patient/advocate-anna". */
    static Patient referredBy(String referrer, String referralCode) {
        return ComplexExtension.referralSource()
                .set(Canonicals.ReferralSource.REFERRER, new Reference(referrer))
                .set(Canonicals.ReferralSource.CODE, new StringType(referralCode))
                .onPatient();
    }

    /** An advocate whose own referral code is {@code code}. */
    static Patient advocate(String code) {
        return ComplexExtension.referralAdvocate()
                .set(Canonicals.ReferralAdvocate.CODE, new StringType(code))
                .onPatient();
    }
}
