package org.referralbridge.server.reward;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.InvalidParameter;
import org.referralbridge.server.web.Paging;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rewards and their lifecycle: program admins approve, void and override; front desk and program admins issue;
 * auditors read. Every change is audited; a change the reward's status does not allow is a 409 naming both.
 */
@RestController
@RequestMapping("/api/rewards")
class RewardController {

    static final int MAX_PAGE_SIZE = 500;

    private final RewardLifecycle lifecycle;
    private final ApplicationEventPublisher events;

    RewardController(RewardLifecycle lifecycle, ApplicationEventPublisher events) {
        this.lifecycle = lifecycle;
        this.events = events;
    }

    /**
     * Rewards, newest first; {@code status} one of the reward statuses, {@code referrer} a Patient id, {@code
     * referral} a referral id. 400 {@code RB-1003} for paging out of range or a bad filter.
     */
    @GetMapping
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK, Roles.AUDITOR})
    RewardPage rewards(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String referrer,
            @RequestParam(required = false) String referral,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size, MAX_PAGE_SIZE, "rewards");
        Page<RewardView> found = lifecycle.rewards(
                status == null ? null : status(status),
                referrer == null ? null : referrer.strip().replaceFirst("^Patient/", ""),
                referral == null ? null : referralId(referral),
                PageRequest.of(page, size, Sort.by("earnedAt").descending().and(Sort.by("ruleId"))));
        return new RewardPage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    @GetMapping("/{id}")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK, Roles.AUDITOR})
    RewardView reward(@PathVariable UUID id) {
        return lifecycle.reward(id);
    }

    /** awaiting-approval to approved; 409 {@code RB-1602} otherwise. */
    @PostMapping("/{id}/approve")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    RewardView approve(@PathVariable UUID id, Principal caller) {
        return audited(AuditAction.REWARD_APPROVED, id, () -> lifecycle.approve(id, caller.getName()));
    }

    /** approved to issued. */
    @PostMapping("/{id}/issue")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK})
    RewardView issue(@PathVariable UUID id, Principal caller) {
        return audited(AuditAction.REWARD_ISSUED, id, () -> lifecycle.issue(id, caller.getName()));
    }

    /** Voids a reward not issued yet; {@code {"reason": "..."}} is required (400 {@code RB-1603}). */
    @PostMapping("/{id}/void")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    RewardView voidReward(@PathVariable UUID id, @RequestBody(required = false) ReasonBody body, Principal caller) {
        return audited(AuditAction.REWARD_VOIDED, id, () -> lifecycle.voidReward(id, reasonOf(body), caller.getName()));
    }

    /** Overrides a thank-you-only decision for a referred beneficiary; a reason is required. */
    @PostMapping("/{id}/override")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    RewardView override(@PathVariable UUID id, @RequestBody(required = false) ReasonBody body, Principal caller) {
        return audited(
                AuditAction.REWARD_OVERRIDDEN, id, () -> lifecycle.override(id, reasonOf(body), caller.getName()));
    }

    private RewardView audited(AuditAction action, UUID id, Supplier<RewardView> change) {
        try {
            RewardView changed = change.get();
            events.publishEvent(ChangeMade.succeeded(action, "reward/" + id));
            return changed;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(action, "reward/" + id));
            throw refused;
        }
    }

    private static String reasonOf(ReasonBody body) {
        return body == null ? null : body.reason();
    }

    private static RewardStatus status(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (RewardStatus status : RewardStatus.values()) {
            if (status.code().equals(wanted) || status.name().equalsIgnoreCase(wanted)) {
                return status;
            }
        }
        throw new InvalidParameter(
                "status",
                "status must be one of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(RewardStatus.values())
                                        .map(RewardStatus::code)
                                        .toList()));
    }

    private static UUID referralId(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("referral", "referral must be a referral id (a UUID)");
        }
    }

    record ReasonBody(String reason) {}

    record RewardPage(List<RewardView> items, int page, int size, long total) {}

    @ExceptionHandler
    ProblemDetail notFound(RewardNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1601", "Reward not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(RewardStateConflict e) {
        return Problems.of(HttpStatus.CONFLICT, "RB-1602", "Reward status conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidReason(RewardLifecycle.InvalidRewardReason e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "RB-1603", "Reason required", e.getMessage());
    }
}
