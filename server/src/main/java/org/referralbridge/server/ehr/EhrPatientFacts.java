package org.referralbridge.server.ehr;

import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.server.referral.PatientFacts;

/**
 * A FHIR Patient as the referral module's identity checks compare it: identifiers, the Patients its links name, family
 * names, birth date, phones (and SMS numbers) and emails. Used for the referrer read here and for the referred patient
 * the ingest module has in hand, so both are read alike.
 */
public final class EhrPatientFacts {

    private EhrPatientFacts() {}

    /** @param patientId the id the Patient was read by (a resource from a bundle may carry it in another form) */
    public static PatientFacts of(String patientId, Patient patient) {
        Set<String> identifiers = new LinkedHashSet<>();
        for (Identifier identifier : patient.getIdentifier()) {
            String both = PatientFacts.identifier(identifier.getSystem(), identifier.getValue());
            if (both != null) {
                identifiers.add(both);
            }
        }
        Set<String> linked = new LinkedHashSet<>();
        for (Patient.PatientLinkComponent link : patient.getLink()) {
            IIdType other = link.getOther().getReferenceElement();
            if (other.hasIdPart() && (!other.hasResourceType() || "Patient".equals(other.getResourceType()))) {
                linked.add(other.getIdPart());
            }
        }
        Set<String> families = new LinkedHashSet<>();
        for (HumanName name : patient.getName()) {
            if (name.hasFamily()) {
                families.add(name.getFamily());
            }
        }
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (ContactPoint point : patient.getTelecom()) {
            if (!point.hasValue()) {
                continue;
            }
            if (point.getSystem() == ContactPoint.ContactPointSystem.PHONE
                    || point.getSystem() == ContactPoint.ContactPointSystem.SMS) {
                phones.add(point.getValue());
            } else if (point.getSystem() == ContactPoint.ContactPointSystem.EMAIL) {
                emails.add(point.getValue());
            }
        }
        return new PatientFacts(
                patientId,
                identifiers,
                linked,
                families,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                phones,
                emails);
    }
}
