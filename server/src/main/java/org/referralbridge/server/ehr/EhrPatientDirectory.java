package org.referralbridge.server.ehr;

import java.util.Optional;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.PatientFacts;
import org.springframework.stereotype.Component;

/** Answers the referral module's questions about patients by reading the EHR. */
@Component
class EhrPatientDirectory implements EhrPatients {

    private final EhrClient ehr;

    EhrPatientDirectory(EhrClient ehr) {
        this.ehr = ehr;
    }

    @Override
    public boolean exists(String patientId) {
        try {
            return ehr.read(Patient.class, patientId).isPresent();
        } catch (EhrException e) {
            throw new EhrUnreachable(e.getMessage(), e);
        }
    }

    @Override
    public Optional<PatientSummary> summary(String patientId) {
        try {
            return ehr.read(Patient.class, patientId).map(EhrPatientDirectory::summaryOf);
        } catch (EhrException e) {
            throw new EhrUnreachable(e.getMessage(), e);
        }
    }

    @Override
    public Optional<PatientFacts> facts(String patientId) {
        try {
            return ehr.read(Patient.class, patientId).map(patient -> EhrPatientFacts.of(patientId, patient));
        } catch (EhrException e) {
            throw new EhrUnreachable(e.getMessage(), e);
        }
    }

    private static PatientSummary summaryOf(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        String text =
                name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).strip();
        return new PatientSummary(
                text.isBlank() ? null : text,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                patient.hasGender() ? patient.getGender().toCode() : null,
                contact(patient, ContactPoint.ContactPointSystem.PHONE),
                contact(patient, ContactPoint.ContactPointSystem.EMAIL));
    }

    private static String contact(Patient patient, ContactPoint.ContactPointSystem system) {
        return patient.getTelecom().stream()
                .filter(point -> point.getSystem() == system && point.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
    }
}
