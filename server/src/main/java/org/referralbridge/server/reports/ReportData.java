package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.referralbridge.server.ehr.EhrPatientSegments.Segment;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.referralbridge.server.referral.ReferralReportFacts.ReferralFact;

/**
 * What one report is computed from, read once per request and dropped after it: the referrals made in the period
 * (of its program, if one is named), every advocate, the retail value each referral's rewards cost, and the referred
 * patients' segment facts (read from the EHR only when a breakdown needs them).
 *
 * @param rewardCosts per referral id, the retail value of its rewards that are not voided or blocked
 * @param rewards the rewards of the period's referrals that are not voided or blocked, one line each
 * @param segments per referred Patient id; empty unless the segment breakdown was asked for
 */
record ReportData(
        ReportPeriod period,
        List<ReferralFact> referrals,
        List<AdvocateFact> advocates,
        Map<UUID, BigDecimal> rewardCosts,
        String currency,
        List<RewardLine> rewards,
        Map<String, Segment> segments) {

    /** One reward earned: the program item given (its id and kind) and its retail value. */
    record RewardLine(UUID referralId, String itemId, String itemKind, BigDecimal retailValue) {}
}
