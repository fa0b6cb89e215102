package org.referralbridge.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.referralbridge.mapping.CoverageFacts;
import org.referralbridge.mapping.FederalProgram;

class BeneficiaryStatusTests {

    private static final Instant REFERRAL = Instant.parse("2026-03-15T10:00:00Z");

    private static CoverageFacts coverage(String status, Set<FederalProgram> programs, String start, String end) {
        return new CoverageFacts(
                "cov-1",
                Optional.of("pat-1"),
                Optional.ofNullable(status),
                programs,
                Optional.empty(),
                Optional.ofNullable(start).map(BeneficiaryStatusTests::at),
                Optional.ofNullable(end).map(BeneficiaryStatusTests::at));
    }

    private static OffsetDateTime at(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.ofHours(-5));
    }

    @Test
    void countsACoverageWhosePeriodContainsTheMomentBothEndsIncluded() {
        CoverageFacts endsAtReferral =
                coverage("active", Set.of(FederalProgram.MEDICARE), "2025-01-01T00:00:00Z", "2026-03-15T10:00:00Z");
        CoverageFacts startsAtReferral = coverage("active", Set.of(FederalProgram.CHIP), "2026-03-15T10:00:00Z", null);

        BeneficiaryStatus status = BeneficiaryStatus.at(List.of(endsAtReferral, startsAtReferral), REFERRAL);

        assertThat(status.programs()).containsExactlyInAnyOrder(FederalProgram.MEDICARE, FederalProgram.CHIP);
        assertThat(status.beneficiary()).isTrue();
    }

    @Test
    void ignoresACoverageThatEndedBeforeOrStartsAfterTheMoment() {
        CoverageFacts ended =
                coverage("active", Set.of(FederalProgram.MEDICAID), "2025-01-01T00:00:00Z", "2026-03-15T09:59:59Z");
        CoverageFacts later = coverage("active", Set.of(FederalProgram.TRICARE), "2026-03-15T10:00:01Z", null);

        BeneficiaryStatus status = BeneficiaryStatus.at(List.of(ended, later), REFERRAL);

        assertThat(status.beneficiary()).isFalse();
        assertThat(status).isEqualTo(BeneficiaryStatus.none());
    }

    @Test
    void readsAMissingPeriodAsOpenAndAMissingStatusAsInForce() {
        CoverageFacts noPeriod = coverage(null, Set.of(FederalProgram.OTHER_FEDERAL), null, null);

        assertThat(BeneficiaryStatus.at(List.of(noPeriod), REFERRAL).has(FederalProgram.OTHER_FEDERAL))
                .isTrue();
    }

    @Test
    void ignoresACoverageEnteredInErrorButCountsACancelledOneInsideItsPeriod() {
        CoverageFacts inError = coverage("entered-in-error", Set.of(FederalProgram.MEDICARE), null, null);
        CoverageFacts cancelled = coverage("cancelled", Set.of(FederalProgram.MEDICAID), "2026-01-01T00:00:00Z", null);

        BeneficiaryStatus status = BeneficiaryStatus.at(List.of(inError, cancelled), REFERRAL);

        assertThat(status.programs()).containsExactly(FederalProgram.MEDICAID);
    }

    @Test
    void aCommercialCoverageMakesNoBeneficiary() {
        CoverageFacts commercial = coverage("active", Set.of(), null, null);

        assertThat(BeneficiaryStatus.at(List.of(commercial), REFERRAL).beneficiary())
                .isFalse();
        assertThat(BeneficiaryStatus.at(List.of(), REFERRAL).beneficiary()).isFalse();
    }
}
