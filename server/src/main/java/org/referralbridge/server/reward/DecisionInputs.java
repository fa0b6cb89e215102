package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.referralbridge.server.compliance.BeneficiaryStatus;

/**
 * The facts a compliance decision about a referral reads besides the program, each stored with the reward by id or
 * code: the government programs of referrer and referred patient, the Coverages they were found in, the practice's
 * state and the referrer's year-to-date.
 *
 * @param referrer the referrer's programs at the decision
 * @param referred the referred patient's programs at the referral
 * @param coverageIds the Coverages both were read from ({@code Coverage/id})
 * @param practiceState USPS code, or empty
 * @param yearToDate what the caps counted for the referrer this year, in USD
 */
public record DecisionInputs(
        BeneficiaryStatus referrer,
        BeneficiaryStatus referred,
        List<String> coverageIds,
        Optional<String> practiceState,
        BigDecimal yearToDate) {

    public DecisionInputs {
        referrer = Objects.requireNonNullElse(referrer, BeneficiaryStatus.none());
        referred = Objects.requireNonNullElse(referred, BeneficiaryStatus.none());
        coverageIds = coverageIds == null ? List.of() : List.copyOf(coverageIds);
        practiceState = Objects.requireNonNullElse(practiceState, Optional.empty());
        yearToDate = Objects.requireNonNullElse(yearToDate, BigDecimal.ZERO);
    }

    DecisionInputs withYearToDate(BigDecimal sum) {
        return new DecisionInputs(referrer, referred, coverageIds, practiceState, sum);
    }
}
