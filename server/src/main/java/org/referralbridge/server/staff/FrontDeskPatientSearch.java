package org.referralbridge.server.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.springframework.stereotype.Component;

/** Finds EHR patients by name, birth date or MRN for the front desk: read each time, never stored, never logged. */
@Component
class FrontDeskPatientSearch {

    static final int MAX_RESULTS = 20;

    private final EhrClient ehr;

    FrontDeskPatientSearch(EhrClient ehr) {
        this.ehr = ehr;
    }

    List<FoundPatient> search(String name, String birthDate, String mrn) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (present(name)) {
            params.put("name", List.of(name.strip()));
        }
        if (present(birthDate)) {
            params.put("birthdate", List.of(birthDate.strip()));
        }
        if (present(mrn)) {
            params.put("identifier", List.of(mrn.strip()));
        }
        if (params.isEmpty()) {
            return List.of();
        }
        params.put("_count", List.of(String.valueOf(MAX_RESULTS)));
        return ehr.search("Patient", params)
                .limit(MAX_RESULTS)
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .map(FrontDeskPatientSearch::found)
                .toList();
    }

    private static FoundPatient found(Patient patient) {
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
        return new FoundPatient(
                patient.getIdElement().getIdPart(),
                text.isBlank() ? "(no name)" : text,
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                mrn);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** PHI: shown on the page, never logged. */
    record FoundPatient(String patientId, String name, String birthDate, String mrn) {

        @Override
        public String toString() {
            return "FoundPatient[Patient/" + patientId + ", PHI]";
        }
    }
}
