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
import org.referralbridge.conformance.ReferralCode;

/** Test Patients with Referral Bridge extensions, each in one line. */
final class ReferralPatients {

    private ReferralPatients() {}

    /** A fresh valid code in the form advocates carry, e.g. {@code K7QM-2XHD}; unique enough for a shared server. */
    static String newCode() {
        return ReferralCode.generate(ThreadLocalRandom.current()).display();
    }

    /** {@code code} with its check character mistyped: the right shape, but a typo. */
    static String mistyped(String code) {
        char check = code.charAt(code.length() - 1);
        char other = ReferralCode.ALPHABET.charAt(
                (ReferralCode.ALPHABET.indexOf(check) + 1) % ReferralCode.ALPHABET.length());
        return code.substring(0, code.length() - 1) + other;
    }

    /** How a front desk might type {@code code}: lower case, a space for the hyphen. */
    static String asTyped(String code) {
        return code.replace("-", " ").toLowerCase(java.util.Locale.ROOT);
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

    /**
     * A referred patient as stored: id {@code id}, linked to {@code referrer} (e.g. {@code Patient/12}), with a
     * narrative and an extension of the EHR's own besides ours.
     */
    static Patient referredBy(String id, String referrer) {
        Patient patient = referredWithCode("59TH-NYK3");
        patient.setId(id);
        patient.getExtensionByUrl(ReferralSource.URL).addExtension(ReferralSource.REFERRER, new Reference(referrer));
        patient.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.PROGRAM, new StringType("tell-a-friend-2025"));
        patient.addExtension(EHR_EXTENSION, new StringType("blue"));
        patient.getText()
                .setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">A referred patient.</div>");
        return patient;
    }

    /** An extension of the EHR's own, which the plugin must leave alone. */
    static final String EHR_EXTENSION = "http://ehr.example.org/fhir/StructureDefinition/favourite-colour";

    /** A patient without any referral extension. */
    static Patient unreferred() {
        return named("Okafor", "Chidi");
    }

    /** The code on a Patient's referral source, as stored, or null. */
    static String codeOf(Patient patient) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        Extension code = source == null ? null : source.getExtensionByUrl(ReferralSource.CODE);
        return code == null ? null : code.getValue().primitiveValue();
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
