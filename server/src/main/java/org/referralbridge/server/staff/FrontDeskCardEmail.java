package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import org.referralbridge.server.messages.ProgramInvitations;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * E-mails an advocate their card (code, friend link, how to share) from the card page, through the consent-gated
 * program messages: only with the advocate's program-messages consent for e-mail, to the address the EHR has, at most
 * once a day.
 */
@Controller
class FrontDeskCardEmail {

    private final ReferralManagement referrals;
    private final ProgramInvitations invitations;

    FrontDeskCardEmail(ReferralManagement referrals, ProgramInvitations invitations) {
        this.referrals = referrals;
        this.invitations = invitations;
    }

    @PostMapping(path = "/front-desk/advocates/{code}/email")
    @RolesAllowed(Roles.FRONT_DESK)
    String email(@PathVariable String code, RedirectAttributes redirect) {
        AdvocateView advocate = referrals.advocate(code);
        switch (invitations.sendCard(advocate.patientId(), advocate.referralCode())) {
            case QUEUED:
                redirect.addFlashAttribute(
                        "notice", "The card is on its way to the advocate's e-mail address on file in the EHR.");
                break;
            case ALREADY_INVITED:
                redirect.addFlashAttribute(
                        "notice", "The card was e-mailed to the advocate today already; it is not sent twice a day.");
                break;
            case NO_CONSENT:
                redirect.addFlashAttribute(
                        "problem",
                        "Not sent: the advocate has not agreed to program e-mails. Record their consent first"
                                + " (Consents), or print the card.");
                break;
            default:
                redirect.addFlashAttribute(
                        "problem", "Not sent: program messages are turned off for this practice. Print the card.");
        }
        return "redirect:/front-desk/advocates/" + advocate.referralCode() + "/card";
    }
}
