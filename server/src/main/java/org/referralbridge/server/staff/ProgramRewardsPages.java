package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.reward.RewardLifecycle;
import org.referralbridge.server.reward.RewardNotFound;
import org.referralbridge.server.reward.RewardStateConflict;
import org.referralbridge.server.reward.RewardStatus;
import org.referralbridge.server.reward.RewardView;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The program manager's rewards queue and each reward with the compliance decision behind it: approve, issue, void
 * and override, each audited like the API's, with the signed-in user as the actor.
 */
@Controller
class ProgramRewardsPages {

    static final int PAGE_SIZE = 20;
    static final int MAX_REASON = 500;

    /** The queue's status filter value that shows every status. */
    static final String ALL = "all";

    private final RewardLifecycle lifecycle;
    private final ApplicationEventPublisher events;

    ProgramRewardsPages(RewardLifecycle lifecycle, ApplicationEventPublisher events) {
        this.lifecycle = lifecycle;
        this.events = events;
    }

    @GetMapping(path = "/program/rewards", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String rewards(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String wantedStatus = status == null || status.isBlank() ? RewardStatus.AWAITING_APPROVAL.code() : status;
        Optional<RewardStatus> filter = statusOf(wantedStatus);
        if (filter.isEmpty() && !ALL.equals(wantedStatus)) {
            wantedStatus = RewardStatus.AWAITING_APPROVAL.code();
            filter = Optional.of(RewardStatus.AWAITING_APPROVAL);
        }
        String search = q == null ? "" : q.strip();
        UUID referral = null;
        String referrer = null;
        if (!search.isEmpty()) {
            try {
                referral = UUID.fromString(search);
            } catch (IllegalArgumentException notAReferralId) {
                referrer = search.replaceFirst("^Patient/", "");
            }
        }
        Page<RewardView> found = lifecycle.rewards(
                filter.orElse(null),
                referrer,
                referral,
                PageRequest.of(
                        Math.max(page, 0),
                        PAGE_SIZE,
                        Sort.by("earnedAt").descending().and(Sort.by("ruleId"))));
        model.addAttribute("status", wantedStatus);
        model.addAttribute("statuses", statusChoices());
        model.addAttribute("q", search);
        model.addAttribute("rewards", found.getContent());
        model.addAttribute("page", found);
        return "staff/program/rewards";
    }

    @GetMapping(path = "/program/rewards/{id}", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String reward(@PathVariable UUID id, Model model) {
        return detail(id, model);
    }

    @PostMapping(path = "/program/rewards/{id}/approve")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String approve(@PathVariable UUID id, Principal caller, RedirectAttributes redirect) {
        return changed(
                id,
                AuditAction.REWARD_APPROVED,
                "approved",
                () -> lifecycle.approve(id, caller.getName()),
                "Reward approved. It can now be issued.",
                redirect);
    }

    @PostMapping(path = "/program/rewards/{id}/issue")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String issue(@PathVariable UUID id, Principal caller, RedirectAttributes redirect) {
        return changed(
                id,
                AuditAction.REWARD_ISSUED,
                "issued",
                () -> lifecycle.issue(id, caller.getName()),
                "Reward issued: recorded as handed to the advocate.",
                redirect);
    }

    @PostMapping(path = "/program/rewards/{id}/void")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String voidReward(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        if (!validReason(reason)) {
            model.addAttribute("voidError", reasonProblem());
            model.addAttribute("voidReason", reason);
            return detail(id, model);
        }
        return changed(
                id,
                AuditAction.REWARD_VOIDED,
                "voided",
                () -> lifecycle.voidReward(id, reason.strip(), caller.getName()),
                "Reward voided. The ledger records the void with your reason.",
                redirect);
    }

    @PostMapping(path = "/program/rewards/{id}/override")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String override(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        if (!validReason(reason)) {
            model.addAttribute("overrideError", reasonProblem());
            model.addAttribute("overrideReason", reason);
            return detail(id, model);
        }
        return changed(
                id,
                AuditAction.REWARD_OVERRIDDEN,
                "overridden",
                () -> lifecycle.override(id, reason.strip(), caller.getName()),
                "Decision overridden with your reason. The reward was decided again; its status is below.",
                redirect);
    }

    private String detail(UUID id, Model model) {
        RewardView reward = lifecycle.reward(id);
        model.addAttribute("reward", reward);
        model.addAttribute("decidingRules", rules(reward.ruleIds()));
        model.addAttribute("checkedRules", rules(reward.rulesChecked()));
        model.addAttribute("canApprove", RewardStatus.AWAITING_APPROVAL.code().equals(reward.status()));
        model.addAttribute("canIssue", RewardStatus.APPROVED.code().equals(reward.status()));
        model.addAttribute(
                "canVoid",
                List.of(RewardStatus.HELD, RewardStatus.AWAITING_APPROVAL, RewardStatus.APPROVED).stream()
                        .map(RewardStatus::code)
                        .anyMatch(reward.status()::equals));
        model.addAttribute("canOverride", lifecycle.overridable(id));
        model.addAttribute("maxReason", MAX_REASON);
        return "staff/program/reward";
    }

    /**
     * Runs the change and audits it as the API does; a change the reward's status refuses, a bad reason or a reward
     * that is gone comes back as a plain-words problem on the reward's page.
     */
    private String changed(
            UUID id,
            AuditAction action,
            String verb,
            Supplier<RewardView> change,
            String notice,
            RedirectAttributes redirect) {
        try {
            change.get();
            events.publishEvent(ChangeMade.succeeded(action, "reward/" + id));
            redirect.addFlashAttribute("notice", notice);
        } catch (RewardStateConflict refused) {
            events.publishEvent(ChangeMade.failed(action, "reward/" + id));
            String now = currentStatus(id)
                    .map(status -> " It is " + words(status) + " now")
                    .orElse(" Its status changed");
            redirect.addFlashAttribute(
                    "problem",
                    "This reward cannot be " + verb + "." + now + ", so nothing was changed. Reload the page to see"
                            + " what can be done with it.");
        } catch (RewardLifecycle.InvalidRewardReason invalid) {
            events.publishEvent(ChangeMade.failed(action, "reward/" + id));
            redirect.addFlashAttribute("problem", "Nothing was changed: " + reasonProblem());
        } catch (RewardNotFound gone) {
            events.publishEvent(ChangeMade.failed(action, "reward/" + id));
            redirect.addFlashAttribute("problem", "That reward no longer exists, so nothing was changed.");
            return "redirect:/program/rewards";
        }
        return "redirect:/program/rewards/" + id;
    }

    private Optional<String> currentStatus(UUID id) {
        try {
            return Optional.of(lifecycle.reward(id).status());
        } catch (RewardNotFound gone) {
            return Optional.empty();
        }
    }

    private static boolean validReason(String reason) {
        return reason != null && !reason.isBlank() && reason.strip().length() <= MAX_REASON;
    }

    private static String reasonProblem() {
        return "write a reason of 1 to " + MAX_REASON + " characters. It is kept with the reward and in the ledger.";
    }

    /** The rules behind a decision, each with its legal source; an id the service no longer knows is shown as is. */
    static List<RuleRow> rules(List<String> ids) {
        List<RuleRow> rows = new ArrayList<>();
        for (String id : ids) {
            Optional<ComplianceRule> rule = ComplianceRule.ofId(id);
            if (rule.isPresent()) {
                rows.add(new RuleRow(id, rule.get().source()));
            } else if ("OVERRIDE".equals(id)) {
                rows.add(new RuleRow(id, "A program admin's override, with the recorded reason below"));
            } else {
                rows.add(new RuleRow(id, "(a rule this version of the service does not know)"));
            }
        }
        return rows;
    }

    private static List<StatusChoice> statusChoices() {
        List<StatusChoice> choices = new ArrayList<>();
        Arrays.stream(RewardStatus.values())
                .filter(status -> status != RewardStatus.EARNED)
                .forEach(status -> choices.add(new StatusChoice(status.code(), capitalised(words(status.code())))));
        choices.add(new StatusChoice(ALL, "All statuses"));
        return choices;
    }

    private static Optional<RewardStatus> statusOf(String code) {
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(RewardStatus.values())
                .filter(status -> status.code().equals(wanted))
                .findFirst();
    }

    /** A status code in words, e.g. {@code awaiting-approval} as "awaiting approval". */
    static String words(String code) {
        return code.replace('-', ' ');
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A rule that decided (or was checked for) a reward, and the legal source it follows. */
    record RuleRow(String id, String source) {}

    record StatusChoice(String code, String label) {}
}
