package org.referralbridge.server.profiles;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.referralbridge.mapping.Datum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts the channel and service-line values a profile's maps did not know, so clinic IT can extend the map. A value
 * is a code, not a patient's data: it is cut at {@value #MAX_CODE} characters and stored without any patient id.
 */
@Component
public class UnmappedValues {

    private static final Logger log = LoggerFactory.getLogger(UnmappedValues.class);

    /** The fields whose values are counted, as the profile names them. */
    public static final String CHANNEL = "channel";

    public static final String SERVICE_LINE = "serviceLine";

    static final int MAX_CODE = 64;
    private static final int MAX_SYSTEM = 255;

    private final JdbcClient jdbc;
    private final Clock clock;

    UnmappedValues(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts each value once more, each in its own statement. A count is never worth failing the caller's work for:
     * a failure is logged (profile and field only) and the work goes on.
     */
    public void count(String profileName, String field, List<Datum> values) {
        for (Datum value : values) {
            try {
                countOne(
                        profileName,
                        field,
                        cut(value.system() == null ? "" : value.system(), MAX_SYSTEM),
                        cut(value.value(), MAX_CODE));
            } catch (DataAccessException e) {
                log.warn(
                        "Could not count an unmapped {} value of profile {}: {}",
                        field,
                        profileName,
                        e.getClass().getSimpleName());
            }
        }
    }

    private void countOne(String profile, String field, String system, String code) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (increment(profile, field, system, code, now) > 0) {
            return;
        }
        try {
            jdbc.sql("insert into unmapped_value (profile_name, field, code_system, code, occurrences, first_seen,"
                            + " last_seen) values (?, ?, ?, ?, 1, ?, ?)")
                    .params(profile, field, system, code, now, now)
                    .update();
        } catch (DuplicateKeyException raced) {
            increment(profile, field, system, code, now);
        }
    }

    private int increment(String profile, String field, String system, String code, OffsetDateTime now) {
        return jdbc.sql("update unmapped_value set occurrences = occurrences + 1, last_seen = ? where profile_name = ?"
                        + " and field = ? and code_system = ? and code = ?")
                .params(now, profile, field, system, code)
                .update();
    }

    /** Most frequent first. */
    List<UnmappedValue> of(String profileName) {
        return jdbc.sql("select field, code_system, code, occurrences, first_seen, last_seen from unmapped_value"
                        + " where profile_name = ? order by occurrences desc, field, code")
                .param(profileName)
                .query((row, n) -> new UnmappedValue(
                        row.getString("field"),
                        row.getString("code_system").isEmpty() ? null : row.getString("code_system"),
                        row.getString("code"),
                        row.getLong("occurrences"),
                        row.getObject("first_seen", OffsetDateTime.class).toInstant(),
                        row.getObject("last_seen", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * @param system the value's code system; null for a plain text value
     */
    record UnmappedValue(
            String field, String system, String value, long occurrences, Instant firstSeen, Instant lastSeen) {}
}
