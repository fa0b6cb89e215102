package org.referralbridge.server.referral;

import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.referralbridge.server.web.Paging;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/referrals")
class ReferralController {

    /** The largest page served; a larger {@code size} is refused, not cut down silently. */
    static final int MAX_PAGE_SIZE = 500;

    private final ReferralManagement referrals;
    private final ReferralHistory history;

    ReferralController(ReferralManagement referrals, ReferralHistory history) {
        this.referrals = referrals;
        this.history = history;
    }

    /**
     * Referrals, newest first, optionally only those with one status ({@code linked}, {@code channel-only},
     * {@code unmatched}). Paging out of range is a 400 naming the parameter: {@code size} 1 to {@value
     * #MAX_PAGE_SIZE}, {@code page} from 0 to where the first row would lie beyond 2^31 - 1 (the database's offset
     * limit).
     */
    @GetMapping
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ReferralPage referrals(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ReferralStatus wanted = status == null ? null : ReferralStatusParameter.parse(status);
        Paging.check(page, size, MAX_PAGE_SIZE, "referrals");
        PageRequest request = PageRequest.of(page, size, Sort.by("recordedAt").descending());
        Page<ReferralView> found = referrals.referrals(wanted, request);
        return new ReferralPage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    /**
     * What became of a referral before its current state, oldest first: the states later claims superseded, and
     * later claims it declined with their reason (e.g. {@code ALREADY_ATTRIBUTED}: another advocate named for a
     * referral already linked). An unknown id is a 404 problem.
     */
    @GetMapping("/{id}/history")
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ReferralHistoryView history(@PathVariable UUID id) {
        return history.of(id);
    }

    record ReferralPage(java.util.List<ReferralView> items, int page, int size, long total) {}
}
