package org.referralbridge.fhirplugin.testing;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/** Builds test Patients in one line. */
public final class Patients {

    public static final String MRN_SYSTEM = "https://ehr.example/mrn";
    /** An extension some other system put on the Patient: a write-back must keep it. */
    public static final String FOREIGN_EXTENSION =
            "https://other-vendor.example/fhir/StructureDefinition/preferred-pharmacy";

    private Patients() {}

    /** A Patient with a medical record number and a made-up name. */
    public static Patient withMrn(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patient.addName().setFamily("Testperson").addGiven("Alex");
        patient.setGender(AdministrativeGender.UNKNOWN);
        return patient;
    }

    /** Like {@link #withMrn} with a generated narrative and another vendor's extension, as real EHRs send them. */
    public static Patient documented(String mrn) {
        Patient patient = withMrn(mrn);
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString(
                        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alex Testperson, MRN " + mrn + "</p></div>");
        patient.addExtension(FOREIGN_EXTENSION, new StringType("Main Street Pharmacy"));
        return patient;
    }
}
