package org.referralbridge.server.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How clinic IT's pages write times and durations: UTC to the second, durations in the two largest units. */
final class ClinicItFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private ClinicItFormats() {}

    static String time(Instant instant) {
        return instant == null ? "—" : UTC.format(instant.atOffset(ZoneOffset.UTC));
    }

    static String duration(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.max(duration.getSeconds(), 0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min" + part(seconds % 60, "s");
        }
        if (seconds < 86_400) {
            return (seconds / 3600) + " h" + part(seconds % 3600 / 60, "min");
        }
        return (seconds / 86_400) + " d" + part(seconds % 86_400 / 3600, "h");
    }

    private static String part(long value, String unit) {
        return value == 0 ? "" : " " + value + " " + unit;
    }
}
