package org.referralbridge.server;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/** Readable FHIR Patients for tests: fictional people, one line each. */
public final class Patients {

    /** An extension some other vendor keeps on the Patient, which a write-back must leave alone. */
    public static final String FOREIGN_EXTENSION = "http://ehr.example.org/fhir/StructureDefinition/preferred-pharmacy";

    private Patients() {}

    /** A patient with a name, a narrative and a foreign extension, but no referral evidence. */
    public static Patient existing(String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven("Test");
        patient.setGender(AdministrativeGender.UNKNOWN);
        patient.setActive(true);
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Test " + family + "</div>");
        patient.addExtension(FOREIGN_EXTENSION, new StringType("Main Street Pharmacy"));
        return patient;
    }

    /** An existing patient with one official-looking name and a birth date, e.g. a referrer named by name. */
    public static Patient person(String given, String family, String birthDate) {
        Patient patient = existing(family);
        patient.getName().clear();
        patient.addName().setFamily(family).addGiven(given);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        return patient;
    }

    /** A finished ambulatory Encounter of the patient, ending at {@code end} (ISO instant). */
    public static org.hl7.fhir.r4.model.Encounter finishedEncounter(String patientId, String end) {
        org.hl7.fhir.r4.model.Encounter encounter = new org.hl7.fhir.r4.model.Encounter();
        encounter.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        encounter.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(end));
        return encounter;
    }

    /** A new patient who gave a referral code at the front desk. */
    public static Patient referredWithCode(String family, String code) {
        return withReferralCode(existing(family), code);
    }

    /** The patient, with a referral code given at the front desk (any earlier referral source replaced). */
    public static Patient withReferralCode(Patient patient, String code) {
        patient.getExtension().removeIf(extension -> ReferralSource.URL.equals(extension.getUrl()));
        Extension source = patient.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL,
                new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", "Friend or family member"));
        source.addExtension(ReferralSource.CODE, new StringType(code));
        return patient;
    }
}
