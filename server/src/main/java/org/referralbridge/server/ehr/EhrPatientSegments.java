package org.referralbridge.server.ehr;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.referral.EhrPatients.EhrUnreachable;
import org.springframework.stereotype.Component;

/**
 * The coarse facts a report groups patients by, read from the EHR's Patient: birth date, administrative sex and the
 * first three characters of the postal code (no finer); the caller keeps them only for its computation.
 */
@Component
public class EhrPatientSegments {

    private final EhrClient ehr;

    EhrPatientSegments(EhrClient ehr) {
        this.ehr = ehr;
    }

    /**
     * @param birthDate null when the EHR has none (or only a year or month)
     * @param sex the FHIR administrative gender code, or null
     * @param postalPrefix the first three characters of the home (else first) address's postal code, or null
     */
    public record Segment(LocalDate birthDate, String sex, String postalPrefix) {}

    /** The patient's segment facts, empty for an unknown Patient. */
    public Optional<Segment> of(String patientId) {
        try {
            return ehr.read(Patient.class, patientId).map(EhrPatientSegments::segmentOf);
        } catch (EhrException e) {
            throw new EhrUnreachable(e.getMessage(), e);
        }
    }

    private static Segment segmentOf(Patient patient) {
        LocalDate birthDate = null;
        if (patient.hasBirthDate()
                && patient.getBirthDateElement().getPrecision() == ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
            birthDate = LocalDate.parse(patient.getBirthDateElement().getValueAsString());
        }
        String sex = patient.hasGender() ? patient.getGender().toCode() : null;
        Address address = patient.getAddress().stream()
                .filter(a -> a.getUse() == Address.AddressUse.HOME && a.hasPostalCode())
                .findFirst()
                .orElse(patient.getAddress().stream()
                        .filter(Address::hasPostalCode)
                        .findFirst()
                        .orElse(null));
        String postal = address == null ? null : address.getPostalCode().strip();
        String prefix = postal == null || postal.length() < 3 ? null : postal.substring(0, 3);
        return new Segment(birthDate, sex, prefix);
    }
}
