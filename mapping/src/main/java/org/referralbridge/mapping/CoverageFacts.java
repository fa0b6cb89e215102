package org.referralbridge.mapping;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of one Coverage that the compliance rules need.
 *
 * @param coverageId id of the Coverage, without base URL or version
 * @param beneficiaryPatientId id of the beneficiary Patient
 * @param status the Coverage status code as the EHR has it (e.g. {@code active})
 * @param federalPrograms every government program the payer was recognised as; empty when none matched (which is not
 *     proof that none applies: it only means the profile's codes did not match)
 * @param state the US state or territory of the plan as a two-letter USPS code (e.g. {@code TX}), when derivable
 * @param periodStart start of the coverage period; a date without a time reads as the start of that day in UTC
 * @param periodEnd end of the coverage period, read like {@code periodStart}
 */
public record CoverageFacts(
        String coverageId,
        Optional<String> beneficiaryPatientId,
        Optional<String> status,
        Set<FederalProgram> federalPrograms,
        Optional<String> state,
        Optional<OffsetDateTime> periodStart,
        Optional<OffsetDateTime> periodEnd) {

    public CoverageFacts {
        Objects.requireNonNull(coverageId, "coverageId");
        beneficiaryPatientId = Objects.requireNonNullElse(beneficiaryPatientId, Optional.empty());
        status = Objects.requireNonNullElse(status, Optional.empty());
        federalPrograms = federalPrograms == null || federalPrograms.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(federalPrograms));
        state = Objects.requireNonNullElse(state, Optional.empty());
        periodStart = Objects.requireNonNullElse(periodStart, Optional.empty());
        periodEnd = Objects.requireNonNullElse(periodEnd, Optional.empty());
    }

    /** Whether the payer is any government program that restricts referral rewards. */
    public boolean federalBeneficiary() {
        return !federalPrograms.isEmpty();
    }
}
