package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.server.landing.ShareTexts;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The advocates list and each advocate's card (page, QR code, PDF); an advocate is named by their referral code. */
@Controller
class FrontDeskAdvocatePages {

    static final int PAGE_SIZE = 20;

    private final ReferralManagement referrals;
    private final FrontDeskCards cards;
    private final ShareTexts shareTexts;

    FrontDeskAdvocatePages(ReferralManagement referrals, FrontDeskCards cards, ShareTexts shareTexts) {
        this.referrals = referrals;
        this.cards = cards;
        this.shareTexts = shareTexts;
    }

    @GetMapping(path = "/front-desk/advocates", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String advocates(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            String wanted = q.strip().replaceFirst("^Patient/", "");
            List<AdvocateView> found = referrals
                    .lookUpCode(wanted)
                    .advocate()
                    .or(() -> referrals.advocateOfPatient(wanted))
                    .map(List::of)
                    .orElse(List.of());
            model.addAttribute("advocates", found);
            model.addAttribute("page", null);
            return "staff/front-desk/advocates";
        }
        Page<AdvocateView> found = referrals.advocates(PageRequest.of(
                Math.max(page, 0), PAGE_SIZE, Sort.by("enrolledAt").descending()));
        model.addAttribute("advocates", found.getContent());
        model.addAttribute("page", found);
        return "staff/front-desk/advocates";
    }

    @GetMapping(path = "/front-desk/advocates/{code}/card", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String card(@PathVariable String code, Model model) {
        AdvocateView advocate = referrals.advocate(code);
        model.addAttribute("advocate", advocate);
        String friendLink = cards.friendLink(advocate.referralCode());
        model.addAttribute("friendLink", friendLink);
        model.addAttribute("share", shareTexts.of(advocate.referralCode(), friendLink));
        model.addAttribute("instructions", FrontDeskCards.INSTRUCTIONS);
        return "staff/front-desk/card";
    }

    @GetMapping(path = "/front-desk/advocates/{code}/qr.png")
    @RolesAllowed(Roles.FRONT_DESK)
    ResponseEntity<byte[]> qr(@PathVariable String code) {
        AdvocateView advocate = referrals.advocate(code);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(cards.qrPng(advocate.referralCode()));
    }

    @GetMapping(path = "/front-desk/advocates/{code}/card.pdf")
    @RolesAllowed(Roles.FRONT_DESK)
    ResponseEntity<byte[]> pdf(@PathVariable String code) {
        AdvocateView advocate = referrals.advocate(code);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"referral-card.pdf\"")
                .body(cards.pdf(advocate.referralCode()));
    }
}
