package org.referralbridge.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Reads a referrer's identifier and birth date from what a profile expression yields. */
final class ReferrerReading {

    private static final Pattern FULL_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.*");

    private ReferrerReading() {}

    /**
     * An Identifier gives its system and value (the configured system when it has none); a Reference its identifier;
     * a Coding its code, a CodeableConcept its first code and any primitive its text, with the configured system.
     */
    static Optional<ReferrerIdentifier> identifier(IBase element, String configuredSystem) {
        if (element instanceof Identifier identifier) {
            String system = blankToNull(identifier.getSystem());
            return of(system == null ? configuredSystem : system, identifier.getValue());
        }
        if (element instanceof Reference reference && reference.hasIdentifier()) {
            return identifier(reference.getIdentifier(), configuredSystem);
        }
        if (element instanceof Coding coding) {
            return of(configuredSystem, coding.getCode());
        }
        if (element instanceof CodeableConcept concept) {
            return concept.getCoding().stream()
                    .map(coding -> of(configuredSystem, coding.getCode()))
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        if (element instanceof Extension extension && extension.getValue() != null) {
            return identifier(extension.getValue(), configuredSystem);
        }
        if (element instanceof IPrimitiveType<?> primitive) {
            return of(configuredSystem, primitive.getValueAsString());
        }
        return Optional.empty();
    }

    /** A full date (year, month and day); a partial date such as {@code 1980} says too little to match on. */
    static Optional<LocalDate> date(Datum value) {
        if (!FULL_DATE.matcher(value.value()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.value().substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<ReferrerIdentifier> of(String system, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ReferrerIdentifier(blankToNull(system), value.strip()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
