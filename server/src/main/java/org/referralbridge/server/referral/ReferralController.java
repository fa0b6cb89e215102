package org.referralbridge.server.referral;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/referrals")
class ReferralController {

    private static final int MAX_PAGE_SIZE = 500;

    private final ReferralManagement referrals;

    ReferralController(ReferralManagement referrals) {
        this.referrals = referrals;
    }

    /**
     * Referrals, newest first, optionally only those with one status ({@code linked}, {@code channel-only},
     * {@code unmatched}).
     */
    @GetMapping
    ReferralPage referrals(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ReferralStatus wanted = status == null ? null : ReferralStatusParameter.parse(status);
        PageRequest request = PageRequest.of(
                Math.max(page, 0),
                Math.min(Math.max(size, 1), MAX_PAGE_SIZE),
                Sort.by("recordedAt").descending());
        Page<ReferralView> found = referrals.referrals(wanted, request);
        return new ReferralPage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    record ReferralPage(java.util.List<ReferralView> items, int page, int size, long total) {}
}
