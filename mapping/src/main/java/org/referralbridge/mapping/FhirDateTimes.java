package org.referralbridge.mapping;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads FHIR date, dateTime and instant values into {@link OffsetDateTime}s with java.time, so the result never depends
 * on the JVM's time zone. Partial dates read as their first instant in UTC ({@code 2024-03} is 2024-03-01T00:00Z); a
 * time without a zone (not valid FHIR, but seen) reads as UTC.
 */
final class FhirDateTimes {

    private static final Pattern YEAR = Pattern.compile("^\\d{4}$");
    private static final Pattern YEAR_MONTH = Pattern.compile("^\\d{4}-\\d{2}$");

    private FhirDateTimes() {}

    static Optional<OffsetDateTime> parse(String text) {
        String value = text.strip();
        try {
            if (YEAR.matcher(value).matches()) {
                return Optional.of(startOfDay(LocalDate.of(Integer.parseInt(value), 1, 1)));
            }
            if (YEAR_MONTH.matcher(value).matches()) {
                return Optional.of(startOfDay(LocalDate.parse(value + "-01")));
            }
            if (value.indexOf('T') < 0) {
                return Optional.of(startOfDay(LocalDate.parse(value)));
            }
            if (hasZone(value)) {
                return Optional.of(OffsetDateTime.parse(value));
            }
            return Optional.of(LocalDateTime.parse(value).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean hasZone(String value) {
        String time = value.substring(value.indexOf('T'));
        return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static OffsetDateTime startOfDay(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
