package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

class FhirDateTimesTests {

    @Test
    void keepsTheOffsetOfAFullDateTime() {
        assertThat(FhirDateTimes.parse("2025-03-04T10:15:30.250-05:00"))
                .contains(OffsetDateTime.of(2025, 3, 4, 10, 15, 30, 250_000_000, ZoneOffset.ofHours(-5)));
        assertThat(FhirDateTimes.parse("2025-03-04T10:15:30Z"))
                .contains(OffsetDateTime.of(2025, 3, 4, 10, 15, 30, 0, ZoneOffset.UTC));
    }

    @Test
    void readsPartialDatesAsTheirFirstInstantInUtc() {
        assertThat(FhirDateTimes.parse("2025")).contains(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(FhirDateTimes.parse("2025-02")).contains(OffsetDateTime.of(2025, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(FhirDateTimes.parse("2025-02-28"))
                .contains(OffsetDateTime.of(2025, 2, 28, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void readsATimeWithoutZoneAsUtcAndRejectsNonsense() {
        assertThat(FhirDateTimes.parse("2025-02-28T08:00:00"))
                .contains(OffsetDateTime.of(2025, 2, 28, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(FhirDateTimes.parse("last spring")).isEmpty();
        assertThat(FhirDateTimes.parse("2025-13-01")).isEmpty();
    }

    @Test
    void readsCommonDateTimesAsTheIsoFormatterDoes() {
        List<String> values = new ArrayList<>(List.of(
                "2025-03-04T10:15:30Z",
                "2025-03-04T10:15:30+00:00",
                "2025-03-04T10:15:30-00:00",
                "2025-03-04T10:15:30.1+05:30",
                "2025-03-04T10:15:30.123456789-09:45",
                "2025-03-04T10:15:30.1234567890Z",
                "2025-03-04T10:15:30.Z",
                "2025-03-04T10:15:30+18:00",
                "2025-03-04T10:15:30-18:00",
                "2025-03-04T10:15:30+18:01",
                "2025-03-04T10:15:30+19:00",
                "2025-03-04T10:15:30+05:60",
                "2024-02-29T00:00:00Z",
                "2025-02-29T00:00:00Z",
                "2025-04-31T00:00:00Z",
                "2025-00-10T00:00:00Z",
                "2025-13-10T00:00:00Z",
                "2025-01-00T00:00:00Z",
                "2025-01-32T00:00:00Z",
                "2025-01-01T24:00:00Z",
                "2025-01-01T23:60:00Z",
                "2025-01-01T23:59:60Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999+14:00",
                "2025-03-04T10:15:30+0530",
                "2025-03-04T10:15:30+05",
                "2025-03-04T10:15Z",
                "2025-03-04T10:15:30+05:30:15",
                "2025-03-04T10:15:30 Z",
                "2025-03-04T10:15:3a+00:00",
                "+2025-03-04T10:15:30Z",
                "2025-03-04T10:15:30٠Z"));
        for (Encounter encounter : SyntheaData.read("encounters.ndjson.gz", Encounter.class)) {
            values.add(encounter.getPeriod().getStartElement().getValueAsString());
            values.add(encounter.getPeriod().getEndElement().getValueAsString());
        }
        for (String value : values) {
            if (value != null) {
                assertThat(FhirDateTimes.parse(value)).as(value).isEqualTo(isoFormatter(value));
            }
        }
    }

    /** What FhirDateTimes gave for a date-time with an upper-case T and a zone before it read the common form itself. */
    private static Optional<OffsetDateTime> isoFormatter(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
