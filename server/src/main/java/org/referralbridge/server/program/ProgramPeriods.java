package org.referralbridge.server.program;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Where the periods of a program's tiers and limits begin, in UTC: {@code calendar-month}, {@code calendar-quarter},
 * {@code calendar-year}, {@code rolling-365-days} (the 365 days up to the moment) or {@code program} (since the
 * program's start).
 */
public final class ProgramPeriods {

    private ProgramPeriods() {}

    /**
     * The first instant of the period that contains {@code at}.
     *
     * @throws IllegalArgumentException for a period {@link ProgramCheck} does not accept
     */
    public static Instant start(String period, ProgramDocument program, Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        LocalDate day = utc.toLocalDate();
        switch (period) {
            case "calendar-month":
                return day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case "calendar-quarter":
                int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
                return LocalDate.of(day.getYear(), firstMonth, 1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            case "calendar-year":
                return LocalDate.of(day.getYear(), 1, 1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            case "rolling-365-days":
                return at.minus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MILLIS);
            case "program":
                return program.start().atStartOfDay(ZoneOffset.UTC).toInstant();
            default:
                throw new IllegalArgumentException("unknown period '" + period + "'");
        }
    }
}
