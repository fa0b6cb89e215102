package org.referralbridge.server.referral;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the EHR says of a patient that tells whether two Patients may be one person: identifiers ({@code
 * system|value}), the Patients it links to (Patient.link, any type), family names, birth date, phones and emails,
 * normalised so that equal means the same. PHI: compared in memory, never stored or logged ({@link #toString()}
 * names the Patient id only).
 *
 * @param patientId the Patient's id in the EHR
 * @param identifiers {@code system|value} of each identifier that has both
 * @param linkedPatientIds the ids of the Patients its Patient.link entries name
 * @param familyNames its family names, lower case
 * @param birthDate {@code YYYY-MM-DD} (or as precise as the EHR has it), or null
 * @param phones its phone numbers, digits only (the last ten of a longer one)
 * @param emails its email addresses, lower case
 */
public record PatientFacts(
        String patientId,
        Set<String> identifiers,
        Set<String> linkedPatientIds,
        Set<String> familyNames,
        String birthDate,
        Set<String> phones,
        Set<String> emails) {

    private static final int PHONE_DIGITS = 10;
    private static final int SHORTEST_PHONE = 7;

    public PatientFacts {
        Objects.requireNonNull(patientId, "patientId");
        identifiers = normalised(identifiers, PatientFacts::identifier);
        linkedPatientIds = normalised(linkedPatientIds, id -> blank(id) ? null : id.strip());
        familyNames = normalised(familyNames, PatientFacts::lowerCase);
        birthDate = blank(birthDate) ? null : birthDate.strip();
        phones = normalised(phones, PatientFacts::phone);
        emails = normalised(emails, PatientFacts::lowerCase);
    }

    /** A patient the EHR says nothing comparable of. */
    public static PatientFacts none(String patientId) {
        return new PatientFacts(patientId, Set.of(), Set.of(), Set.of(), null, Set.of(), Set.of());
    }

    /** The {@code system|value} form of an identifier; null when it lacks either. */
    public static String identifier(String system, String value) {
        return blank(system) || blank(value) ? null : system.strip() + "|" + value.strip();
    }

    @Override
    public String toString() {
        return "PatientFacts[Patient/" + patientId + ", PHI]";
    }

    private static String identifier(String systemAndValue) {
        if (blank(systemAndValue)) {
            return null;
        }
        int bar = systemAndValue.indexOf('|');
        return bar < 0 ? null : identifier(systemAndValue.substring(0, bar), systemAndValue.substring(bar + 1));
    }

    private static String phone(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.chars()
                .filter(Character::isDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (digits.length() < SHORTEST_PHONE) {
            return null;
        }
        // +1 555 010 1234 and (555) 010-1234 are one number
        return digits.length() > PHONE_DIGITS ? digits.substring(digits.length() - PHONE_DIGITS) : digits;
    }

    private static String lowerCase(String text) {
        return blank(text) ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> normalised(Collection<String> values, java.util.function.UnaryOperator<String> form) {
        if (values == null) {
            return Set.of();
        }
        return values.stream().map(form).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
