package org.referralbridge.mapping;

import java.time.DateTimeException;
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
 *
 * <p>The form nearly every server sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|-hh:mm)}, is read field by
 * field: java.time's ISO formatter costs about half a microsecond per value, more than the rest of an Encounter's
 * extraction. The result is the formatter's (same fields, same strict ranges, an out-of-range field gives empty);
 * every other form goes through the formatter.
 */
final class FhirDateTimes {

    private static final Pattern YEAR = Pattern.compile("^\\d{4}$");
    private static final Pattern YEAR_MONTH = Pattern.compile("^\\d{4}-\\d{2}$");

    /** What one unit of the last digit of a fraction with that many digits is worth in nanoseconds. */
    private static final int[] NANOS_PER_DIGIT = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private FhirDateTimes() {}

    static Optional<OffsetDateTime> parse(String text) {
        String value = text.strip();
        if (isCommonDateTime(value)) {
            return commonDateTime(value);
        }
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

    /** {@code yyyy-MM-ddTHH:mm:ss}, then up to 9 fraction digits after a dot, then {@code Z} or {@code ±hh:mm}. */
    private static boolean isCommonDateTime(String value) {
        int length = value.length();
        if (length < 20
                || !digits(value, 0, 4)
                || value.charAt(4) != '-'
                || !digits(value, 5, 2)
                || value.charAt(7) != '-'
                || !digits(value, 8, 2)
                || value.charAt(10) != 'T'
                || !digits(value, 11, 2)
                || value.charAt(13) != ':'
                || !digits(value, 14, 2)
                || value.charAt(16) != ':'
                || !digits(value, 17, 2)) {
            return false;
        }
        int zone = zoneStart(value);
        int fractionDigits = zone - 20;
        if (zone > 19 && (fractionDigits < 1 || fractionDigits > 9)) {
            return false;
        }
        if (zone == length - 1) {
            return value.charAt(zone) == 'Z';
        }
        return zone == length - 6
                && (value.charAt(zone) == '+' || value.charAt(zone) == '-')
                && digits(value, zone + 1, 2)
                && value.charAt(zone + 3) == ':'
                && digits(value, zone + 4, 2);
    }

    /** Where the zone of a common date-time starts: after the seconds and a dot with any fraction digits. */
    private static int zoneStart(String value) {
        int at = 19;
        if (at < value.length() && value.charAt(at) == '.') {
            at++;
            while (at < value.length() && isDigit(value.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    private static Optional<OffsetDateTime> commonDateTime(String value) {
        int zone = zoneStart(value);
        int nano = 0;
        if (zone > 19) {
            int count = zone - 20;
            nano = number(value, 20, count) * NANOS_PER_DIGIT[count];
        }
        ZoneOffset offset = ZoneOffset.UTC;
        try {
            if (value.charAt(zone) != 'Z') {
                int sign = value.charAt(zone) == '-' ? -1 : 1;
                offset =
                        ZoneOffset.ofHoursMinutes(sign * number(value, zone + 1, 2), sign * number(value, zone + 4, 2));
            }
            return Optional.of(OffsetDateTime.of(
                    number(value, 0, 4),
                    number(value, 5, 2),
                    number(value, 8, 2),
                    number(value, 11, 2),
                    number(value, 14, 2),
                    number(value, 17, 2),
                    nano,
                    offset));
        } catch (DateTimeException e) {
            return Optional.empty(); // a field out of range, which the strict ISO formatter refuses too
        }
    }

    private static boolean digits(String value, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String value, int start, int count) {
        int number = 0;
        for (int i = start; i < start + count; i++) {
            number = number * 10 + (value.charAt(i) - '0');
        }
        return number;
    }

    private static boolean hasZone(String value) {
        String time = value.substring(value.indexOf('T'));
        return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static OffsetDateTime startOfDay(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
