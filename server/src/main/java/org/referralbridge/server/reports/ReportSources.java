package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.referralbridge.server.ehr.EhrPatientSegments;
import org.referralbridge.server.ehr.EhrPatientSegments.Segment;
import org.referralbridge.server.referral.ReferralReportFacts;
import org.referralbridge.server.referral.ReferralReportFacts.ReferralFact;
import org.referralbridge.server.reward.RewardLifecycle;
import org.referralbridge.server.reward.RewardView;
import org.springframework.stereotype.Component;

/** Reads what a report is computed from, through the referral, reward and EHR modules' public types. */
@Component
class ReportSources {

    /** Reward statuses whose value the program does not spend. */
    static final Set<String> NOT_SPENT = Set.of("voided", "blocked");

    static final String DEFAULT_CURRENCY = "USD";

    private final ReferralReportFacts referrals;
    private final RewardLifecycle rewards;
    private final EhrPatientSegments segments;

    ReportSources(ReferralReportFacts referrals, RewardLifecycle rewards, EhrPatientSegments segments) {
        this.referrals = referrals;
        this.rewards = rewards;
        this.segments = segments;
    }

    /** The data of the period; the patients' segments only when {@code withSegments}. */
    ReportData read(ReportPeriod period, boolean withRewards, boolean withSegments) {
        List<ReferralFact> made = referrals.referralsMadeBetween(period.start(), period.end()).stream()
                .filter(r -> period.program() == null || period.program().equals(r.programKey()))
                .toList();
        Map<UUID, BigDecimal> costs = new HashMap<>();
        List<ReportData.RewardLine> lines = new java.util.ArrayList<>();
        String currency = DEFAULT_CURRENCY;
        if (withRewards && !made.isEmpty()) {
            for (RewardView reward : rewards.rewardsOfReferrals(
                    made.stream().map(ReferralFact::id).collect(Collectors.toSet()))) {
                if (!NOT_SPENT.contains(reward.status()) && reward.retailValue() != null) {
                    costs.merge(reward.referralId(), reward.retailValue(), BigDecimal::add);
                    lines.add(new ReportData.RewardLine(
                            reward.referralId(), reward.itemId(), reward.itemKind(), reward.retailValue()));
                    if (reward.currency() != null) {
                        currency = reward.currency();
                    }
                }
            }
        }
        Map<String, Segment> facts = new HashMap<>();
        if (withSegments) {
            for (ReferralFact referral : made) {
                segments.of(referral.referredPatientId()).ifPresent(s -> facts.put(referral.referredPatientId(), s));
            }
        }
        return new ReportData(period, made, referrals.advocates(), costs, currency, lines, facts);
    }
}
