package org.referralbridge.server.staff;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.springframework.stereotype.Component;

/**
 * What the EHR says now of the patients a review item is about (its candidates and the referred patient), read with
 * one search for all of them, for the front desk to compare side by side. Phone and email are masked (the last
 * digits, the first letter and the domain): enough to tell two people apart, not to copy. Never stored, never logged.
 */
@Component
class FrontDeskReviewPatients {

    private final EhrClient ehr;

    FrontDeskReviewPatients(EhrClient ehr) {
        this.ehr = ehr;
    }

    /** By Patient id; a patient the EHR no longer has is missing from the map. */
    Map<String, Shown> read(Collection<String> patientIds) {
        Map<String, Shown> shown = new HashMap<>();
        if (patientIds.isEmpty()) {
            return shown;
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(patientIds));
        ehr.search(
                        "Patient",
                        Map.of("_id", List.of(String.join(",", ids)), "_count", List.of(String.valueOf(ids.size()))))
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .forEach(patient -> shown.put(patient.getIdElement().getIdPart(), shown(patient)));
        return shown;
    }

    private static Shown shown(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        String text =
                name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).strip();
        String mrn = patient.getIdentifier().stream()
                .filter(Identifier::hasValue)
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
        return new Shown(
                text.isBlank() ? "(no name)" : text,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                patient.hasGender() ? patient.getGender().getDisplay() : null,
                maskedPhone(contact(patient, ContactPoint.ContactPointSystem.PHONE)),
                maskedEmail(contact(patient, ContactPoint.ContactPointSystem.EMAIL)),
                mrn);
    }

    private static String contact(Patient patient, ContactPoint.ContactPointSystem system) {
        return patient.getTelecom().stream()
                .filter(point -> point.getSystem() == system && point.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
    }

    /** {@code (555) 010-1234} as {@code •••-1234}: the last four digits only. */
    static String maskedPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() < 4 ? "•••" : "•••-" + digits.substring(digits.length() - 4);
    }

    /** {@code ana.rivera@example.org} as {@code a•••@example.org}. */
    static String maskedEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at < 1 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
    }

    /** PHI: shown on the page, never logged. */
    record Shown(String name, String birthDate, String gender, String phone, String email, String mrn) {

        @Override
        public String toString() {
            return "Shown[PHI]";
        }
    }
}
