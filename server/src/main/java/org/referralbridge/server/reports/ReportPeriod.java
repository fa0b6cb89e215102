package org.referralbridge.server.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The days a report covers, {@code from} and {@code to} both included, in UTC; and the program it is limited to, if
 * any. Without {@code from}: the first day of the current month; without {@code to}: today.
 */
record ReportPeriod(LocalDate from, LocalDate to, String program) {

    /** The longest range a report covers, in days. */
    static final long MAX_DAYS = 3660;

    private static final Pattern PROGRAM_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static ReportPeriod of(String from, String to, String program, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = from == null || from.isBlank() ? today.withDayOfMonth(1) : date("from", from);
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        if (end.isBefore(start)) {
            throw new InvalidReportParameter("to", "to must be the same day as from or later");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidReportParameter("to", "a report covers at most " + MAX_DAYS + " days");
        }
        String key = program == null || program.isBlank() ? null : program.strip();
        if (key != null && !PROGRAM_KEY.matcher(key).matches()) {
            throw new InvalidReportParameter(
                    "program", "program must be a program key: letters, digits, '.', '_' or '-', at most 64");
        }
        return new ReportPeriod(start, end, key);
    }

    /** The current calendar month up to today, over every program. */
    static ReportPeriod thisMonth(Clock clock) {
        return of(null, null, null, clock);
    }

    private static LocalDate date(String parameter, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidReportParameter(parameter, parameter + " must be a date like 2026-01-31");
        }
    }

    /** The first instant of the period. */
    Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
