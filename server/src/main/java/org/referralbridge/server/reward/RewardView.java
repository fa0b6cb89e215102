package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reward as the API shows it: EHR ids, codes, amounts and staff ids, no demographics.
 *
 * @param ruleId the program's reward rule id, or {@code tier-<threshold>}
 * @param requestedItemId the item the program would give; {@code itemId} is the one given (a reduce's substitute)
 * @param status {@code held}, {@code awaiting-approval}, {@code approved}, {@code issued}, {@code voided} or
 *     {@code blocked}
 * @param outcome the compliance decision: {@code allow}, {@code reduce}, {@code thank-you-only} or {@code block}
 * @param ruleIds the rules that decided it (for an allow, those checked)
 * @param inputs what the decision read, by id and code
 * @param reversedAfterIssueAt for an issued reward whose referral was reversed, when the ledger correction was
 *     recorded
 */
public record RewardView(
        UUID id,
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String ruleId,
        String requestedItemId,
        String itemId,
        String itemKind,
        BigDecimal retailValue,
        String currency,
        String status,
        String outcome,
        List<String> ruleIds,
        List<String> rulesChecked,
        List<String> reasons,
        Inputs inputs,
        Instant earnedAt,
        Instant holdUntil,
        String approvedBy,
        Instant approvedAt,
        String issuedBy,
        Instant issuedAt,
        String voidedBy,
        Instant voidedAt,
        String voidReason,
        String overriddenBy,
        Instant overriddenAt,
        String overrideReason,
        Instant reversedAfterIssueAt,
        UUID ledgerEntryId,
        long revision) {

    /**
     * @param referrerPrograms government programs found for the referrer (e.g. {@code MEDICARE})
     * @param referredPrograms those found for the referred patient
     * @param coverageIds the Coverages they came from
     * @param practiceState the state pack applied, or null
     * @param yearToDate the referrer's rewards of the year that the caps counted, USD
     */
    public record Inputs(
            List<String> referrerPrograms,
            List<String> referredPrograms,
            List<String> coverageIds,
            String practiceState,
            BigDecimal yearToDate) {}
}
