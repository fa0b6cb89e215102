package org.referralbridge.server.landing;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.referralbridge.server.web.Paging;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The friend leads for the front desk: {@code GET /api/leads?state=waiting|contacted|linked|closed|all}, {@code POST
 * /api/leads/{id}/contacted} and {@code POST /api/leads/{id}/closed}. Problems: 400 {@code RB-3002} (an unknown state), 404 {@code RB-3001} (no such lead).
 */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    static final int MAX_PAGE_SIZE = 200;

    private final LeadList leads;

    LeadController(LeadList leads) {
        this.leads = leads;
    }

    record LeadPage(String state, List<LeadView> items, int page, int size, long total) {}

    /** Waiting and contacted leads oldest first; linked and all newest first. */
    @GetMapping
    @RolesAllowed(Roles.FRONT_DESK)
    LeadPage list(
            @RequestParam(defaultValue = "waiting") String state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size, MAX_PAGE_SIZE, "friend leads");
        Page<LeadView> found = leads.leads(state, page, size);
        return new LeadPage(
                state.strip().toLowerCase(java.util.Locale.ROOT),
                found.getContent(),
                found.getNumber(),
                found.getSize(),
                found.getTotalElements());
    }

    /** Marks the lead called back (the first mark stays); audited as {@code lead.contacted}. */
    @PostMapping("/{id}/contacted")
    @RolesAllowed(Roles.FRONT_DESK)
    LeadView contacted(@PathVariable UUID id, Principal caller) {
        return leads.contacted(id, caller.getName());
    }

    /** Closes an open lead (the friend is not interested); audited as {@code lead.closed}. */
    @PostMapping("/{id}/closed")
    @RolesAllowed(Roles.FRONT_DESK)
    LeadView closed(@PathVariable UUID id, Principal caller) {
        return leads.close(id, caller.getName());
    }

    @ExceptionHandler
    ProblemDetail notFound(LeadList.LeadNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-3001", "Friend lead not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownState(LeadList.UnknownLeadState e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "RB-3002", "Unknown friend-lead state", e.getMessage());
        problem.setProperty("parameter", "state");
        return problem;
    }
}
