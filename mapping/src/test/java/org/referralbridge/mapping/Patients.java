package org.referralbridge.mapping;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/** Test Patients built in code: {@code Patients.patient("p1").referredWithCode("ANNA-7").build()}. */
final class Patients {

    private final Patient patient = new Patient();
    private Extension referralSource;

    private Patients(String id) {
        patient.setId(id);
        // PHI-looking data, so tests can prove it never reaches a message.
        patient.addName().setFamily("Doe-Secret").addGiven("Jane");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addTelecom().setValue("555-0100");
    }

    static Patients patient(String id) {
        return new Patients(id);
    }

    /** Our referral-source extension with a referral code and channel {@code patient}. */
    Patients referredWithCode(String code) {
        return referralSource(ReferralSource.CODE, new StringType(code))
                .referralSource(ReferralSource.CHANNEL, channel("patient"));
    }

    Patients referralChannel(String channelCode) {
        return referralSource(ReferralSource.CHANNEL, channel(channelCode));
    }

    Patients referrer(String reference) {
        return referralSource(ReferralSource.REFERRER, new Reference(reference));
    }

    Patients program(String program) {
        return referralSource(ReferralSource.PROGRAM, new StringType(program));
    }

    Patients capturedDate(String dateTime) {
        return referralSource(ReferralSource.CAPTURED_DATE, new DateTimeType(dateTime));
    }

    Patients captureMethod(String code) {
        return referralSource(ReferralSource.METHOD, new Coding(Canonicals.CAPTURE_METHOD_CODE_SYSTEM, code, null));
    }

    /** Any extension of the EHR's own, e.g. a "how did you hear about us" field. */
    Patients extension(String url, Type value) {
        patient.addExtension(url, value);
        return this;
    }

    Patient build() {
        return patient;
    }

    private Patients referralSource(String part, Type value) {
        if (referralSource == null) {
            referralSource = patient.addExtension().setUrl(ReferralSource.URL);
        }
        referralSource.addExtension(part, value);
        return this;
    }

    private static Coding channel(String code) {
        return new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, code, null);
    }
}
