package org.referralbridge.server.landing;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The referred friend's pages, open to anyone: the practice's program and a contact form for a code, a friendly page
 * for a code that links nobody, and the thank-you page. Nothing on them names or describes the advocate: the code is
 * carried in the form's address only. The form is guarded without third parties: a honeypot field, a signed time
 * token, a limit per client address, and CSRF.
 */
@Controller
class LandingPages {

    static final String THANK_YOU = "/r/thank-you";

    private static final Logger log = LoggerFactory.getLogger(LandingPages.class);

    private final ReferralManagement referrals;
    private final ProgramCatalog programs;
    private final LandingProperties properties;
    private final TimeTokens tokens;
    private final SubmitRateLimit rateLimit;
    private final FriendLeads leads;
    private final Clock clock;

    LandingPages(
            ReferralManagement referrals,
            ProgramCatalog programs,
            LandingProperties properties,
            TimeTokens tokens,
            SubmitRateLimit rateLimit,
            FriendLeads leads,
            Clock clock) {
        this.referrals = referrals;
        this.programs = programs;
        this.properties = properties;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.leads = leads;
        this.clock = clock;
    }

    @GetMapping(path = "/r/{code}", produces = "text/html")
    @PermitAll
    String page(@PathVariable String code, Model model, HttpServletResponse response) {
        Optional<AdvocateView> advocate = advocate(code);
        if (advocate.isEmpty()) {
            return unknown(code, model, response);
        }
        LeadForm form = new LeadForm();
        return form(advocate.get(), form, Map.of(), null, model);
    }

    @PostMapping(path = "/r/{code}", produces = "text/html")
    @PermitAll
    String send(
            @PathVariable String code,
            @ModelAttribute("form") LeadForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        common(model);
        String address = request.getRemoteAddr();
        if (!rateLimit.tryAcquire(address)) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(rateLimit.retryAfterSeconds(address)));
            model.addAttribute("heading", "Please try again later");
            model.addAttribute(
                    "explanation",
                    "Many forms were sent from your connection in the last few minutes. Please wait a few minutes and"
                            + " send yours again, or call the practice.");
            return "landing/refused";
        }
        Optional<AdvocateView> advocate = advocate(code);
        if (advocate.isEmpty()) {
            return unknown(code, model, response);
        }
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            log.info("A landing-page form was refused: its hidden field was filled in (an automated sender)");
            response.setStatus(400);
            model.addAttribute("heading", "We could not accept this form");
            model.addAttribute(
                    "explanation",
                    "Something about how the form was sent looked automated. If you filled it in yourself, please"
                            + " open the link again and send it once more, or call the practice.");
            return "landing/refused";
        }
        String canonical = advocate.get().referralCode();
        TimeTokens.Verdict verdict = tokens.check(canonical, form.getToken());
        if (verdict != TimeTokens.Verdict.OK) {
            log.info("A landing-page form was refused: its time token is {}", verdict);
            response.setStatus(400);
            return form(advocate.get(), form, Map.of(), refusal(verdict), model);
        }
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return form(advocate.get(), form, problems, null, model);
        }
        FriendLead lead = leads.save(FriendLead.open(canonical, advocate.get().patientId(), form, clock.instant()));
        log.info("Friend lead {} received from the landing page", lead.id());
        return "redirect:" + THANK_YOU;
    }

    @GetMapping(path = THANK_YOU, produces = "text/html")
    @PermitAll
    String thankYou(Model model) {
        common(model);
        return "landing/thank-you";
    }

    /** The configured colour as a style sheet: the Content-Security-Policy allows no inline style. */
    @GetMapping(path = "/landing/theme.css", produces = "text/css")
    @PermitAll
    ResponseEntity<String> theme() {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("text/css"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(10)))
                .body(":root { --landing-primary: " + properties.shownColour() + "; }\n");
    }

    private Optional<AdvocateView> advocate(String code) {
        if (code == null || code.length() > 32) {
            return Optional.empty();
        }
        return referrals.lookUpCode(code).advocate();
    }

    private String form(
            AdvocateView advocate, LeadForm form, Map<String, String> problems, String refusal, Model model) {
        common(model);
        form.setToken(tokens.issue(advocate.referralCode()));
        form.setWebsite(null);
        model.addAttribute("form", form);
        model.addAttribute("code", advocate.referralCode());
        model.addAttribute("problems", problems);
        model.addAttribute("refusal", refusal);
        model.addAttribute("times", LeadForm.PREFERRED_TIMES);
        model.addAttribute("maxMessage", LeadForm.MAX_MESSAGE);
        ProgramDocument program = programs.activeToday().stream()
                .filter(view -> view.program().defaultProgram())
                .findFirst()
                .map(view -> view.program())
                .orElse(null);
        model.addAttribute("program", program);
        return "landing/page";
    }

    private String unknown(String code, Model model, HttpServletResponse response) {
        common(model);
        response.setStatus(404);
        model.addAttribute("suggestion", CodeSuggestion.forTyped(code).orElse(null));
        return "landing/unknown";
    }

    private void common(Model model) {
        model.addAttribute("practiceName", properties.practiceName());
        model.addAttribute("logoUrl", properties.logoUrl().isBlank() ? null : properties.logoUrl());
        model.addAttribute("intro", properties.intro());
        model.addAttribute("privacyNotice", properties.privacyNotice());
        model.addAttribute("terms", properties.terms().isBlank() ? null : properties.terms());
    }

    private static String refusal(TimeTokens.Verdict verdict) {
        return switch (verdict) {
            case TOO_FAST ->
                "The form was sent very quickly after it opened, so we could not be sure a person sent"
                        + " it. Please check your details below and send it again.";
            case EXPIRED ->
                "The form was open for a long time, so please check your details below and send it" + " again.";
            case INVALID, OK ->
                "We could not read when this form was opened. Please check your details below and" + " send it again.";
        };
    }
}
