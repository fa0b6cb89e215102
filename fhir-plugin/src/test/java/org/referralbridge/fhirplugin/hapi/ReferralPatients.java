package org.referralbridge.fhirplugin.hapi;

import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/** Test Patients with Referral Bridge extensions, each in one line. */
final class ReferralPatients {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ReferralPatients() {}

    /** A fresh code in the form advocates carry, e.g. {@code K7QM-2XHD}; unique enough for a shared server. */
    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** An existing patient enrolled as an advocate owning {@code code}. */
    static Patient advocate(String code) {
        Patient patient = named("Rivera", "Ana");
        Extension advocate = patient.addExtension().setUrl(ReferralAdvocate.URL);
        advocate.addExtension(ReferralAdvocate.CODE, new StringType(code));
        advocate.addExtension(ReferralAdvocate.ENROLLED, new DateType("2025-01-15"));
        return patient;
    }

    /** A new patient who gave {@code typedCode} at the front desk, typed as they typed it. */
    static Patient referredWithCode(String typedCode) {
        Patient patient = named("Moreau", "Jules");
        Extension source = patient.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", null));
        source.addExtension(ReferralSource.CODE, new StringType(typedCode));
        return patient;
    }

    /** A new patient whose referral source names a channel only (a campaign, no code). */
    static Patient referredWithoutCode() {
        Patient patient = referredWithCode("unused");
        patient.getExtensionByUrl(ReferralSource.URL)
                .getExtension()
                .removeIf(e -> ReferralSource.CODE.equals(e.getUrl()));
        return patient;
    }

    /** A patient without any referral extension. */
    static Patient unreferred() {
        return named("Okafor", "Chidi");
    }

    /** The referrer reference on a Patient's referral source, or null. */
    static Reference referrerOf(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        Extension referrer = source == null ? null : source.getExtensionByUrl(ReferralSource.REFERRER);
        return referrer == null ? null : (Reference) referrer.getValue();
    }

    private static Patient named(String family, String given) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        return patient;
    }
}
