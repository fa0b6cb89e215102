package org.referralbridge.server.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.referral.PatientFacts;

/** A FHIR Patient as the identity checks compare it. */
class EhrPatientFactsTests {

    @Test
    void readsIdentifiersWithASystemOnly() {
        Patient patient = new Patient();
        patient.addIdentifier(
                new Identifier().setSystem("http://clinic.example.org/mrn").setValue("A-1"));
        patient.addIdentifier(new Identifier().setValue("no-system"));

        assertThat(EhrPatientFacts.of("9", patient).identifiers()).containsExactly("http://clinic.example.org/mrn|A-1");
    }

    @Test
    void readsThePatientsEveryLinkNamesWhateverItsType() {
        Patient patient = new Patient();
        patient.addLink().setOther(new Reference("Patient/1")).setType(Patient.LinkType.SEEALSO);
        patient.addLink()
                .setOther(new Reference("http://ehr.example.org/fhir/Patient/2"))
                .setType(Patient.LinkType.REPLACEDBY);
        patient.addLink().setOther(new Reference("RelatedPerson/3")).setType(Patient.LinkType.SEEALSO);

        assertThat(EhrPatientFacts.of("9", patient).linkedPatientIds()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void readsFamilyNamesBirthDatePhonesAndEmails() {
        Patient patient = new Patient();
        patient.addName().setFamily("Rivera").addGiven("Ana");
        patient.addName().setFamily("Rivera Costa");
        patient.setBirthDateElement(new DateType("1980-04-12"));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(555) 010-1111");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("555 010 2222");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("Ana@Example.org");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.FAX).setValue("555 010 3333");

        PatientFacts facts = EhrPatientFacts.of("9", patient);

        assertThat(facts.patientId()).isEqualTo("9");
        assertThat(facts.familyNames()).containsExactlyInAnyOrder("rivera", "rivera costa");
        assertThat(facts.birthDate()).isEqualTo("1980-04-12");
        assertThat(facts.phones()).containsExactlyInAnyOrder("5550101111", "5550102222");
        assertThat(facts.emails()).containsExactly("ana@example.org");
    }
}
