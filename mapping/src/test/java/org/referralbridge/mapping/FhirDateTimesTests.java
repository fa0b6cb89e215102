package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
}
