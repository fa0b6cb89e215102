package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.referralbridge.server.referral.ReferralCounts;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.reward.RewardLifecycle;
import org.referralbridge.server.reward.RewardStatus;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The program at a glance for the program manager: advocates (enrolled, and those with a referral this month), this
 * month's referrals by where they stand, and the rewards waiting for approval. This month is the UTC calendar month.
 */
@Controller
class ProgramOverviewPage {

    private final ReferralCounts counts;
    private final RewardLifecycle rewards;
    private final Clock clock;

    ProgramOverviewPage(ReferralCounts counts, RewardLifecycle rewards, Clock clock) {
        this.counts = counts;
        this.rewards = rewards;
        this.clock = clock;
    }

    @GetMapping(path = "/program/overview", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String overview(Model model) {
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<ReferralStatus, Long> byStatus = counts.referralsRecordedByStatus(from, to);
        List<StatusCount> rows = byStatus.entrySet().stream()
                .map(entry -> new StatusCount(entry.getKey().parameterValue(), label(entry.getKey()), entry.getValue()))
                .toList();
        model.addAttribute(
                "month", month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear());
        model.addAttribute("enrolled", counts.enrolledAdvocates());
        model.addAttribute("activeThisMonth", counts.advocatesWithReferralsRecorded(from, to));
        model.addAttribute("referralRows", rows);
        model.addAttribute(
                "referralsThisMonth",
                byStatus.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute(
                "awaitingApproval",
                rewards.rewards(RewardStatus.AWAITING_APPROVAL, null, null, PageRequest.of(0, 1))
                        .getTotalElements());
        return "staff/program/overview";
    }

    private static String label(ReferralStatus status) {
        switch (status) {
            case LINKED:
                return "Linked to an advocate, first visit not yet qualifying";
            case QUALIFIED:
                return "Qualified (first visit finished in time)";
            case CHANNEL_ONLY:
                return "Channel only (no referrer named)";
            case UNMATCHED:
                return "Unmatched (code or referrer not found)";
            case IN_REVIEW:
                return "In review at the front desk";
            case REJECTED:
                return "Rejected by the program's terms";
            case REVERSED:
                return "Reversed (qualifying visit cancelled)";
            default:
                return status.parameterValue();
        }
    }

    /** One row of the referrals table. */
    record StatusCount(String code, String label, long count) {}
}
