package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.referralbridge.mapping.ReferralChannel;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralClaim;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralRecording;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.ReferralView;
import org.referralbridge.server.referral.UnmatchedReason;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Who referred you?": the front desk records a referral a new patient told them of (on the phone or at the desk),
 * naming the advocate by a typeahead over advocates (their name in the EHR or their referral code) or by the code
 * alone, and how the patient heard of the practice. The claim goes through the referral module like any other
 * (identity checks, first valid referral wins, write-back to the EHR).
 */
@Controller
class FrontDeskReferralPages {

    /** Where a referral the front desk recorded by hand came from, as the referral keeps it. */
    static final String EVIDENCE_SOURCE = "front-desk";

    static final int MAX_MATCHES = 10;
    private static final int CODE_MATCHES = 5;
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FrontDeskPatientSearch search;
    private final ReferralManagement referrals;
    private final ReferralLookup lookup;
    private final EhrPatients ehrPatients;
    private final Clock clock;

    FrontDeskReferralPages(
            FrontDeskPatientSearch search,
            ReferralManagement referrals,
            ReferralLookup lookup,
            EhrPatients ehrPatients,
            Clock clock) {
        this.search = search;
        this.referrals = referrals;
        this.lookup = lookup;
        this.ehrPatients = ehrPatients;
        this.clock = clock;
    }

    @GetMapping(path = "/front-desk/referrals/new", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String form(
            @RequestParam(required = false) String patient,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String birthDate,
            @RequestParam(required = false) String mrn,
            Model model) {
        boolean searched = present(name) || present(birthDate) || present(mrn);
        model.addAttribute("name", name);
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("mrn", mrn);
        model.addAttribute("searched", searched);
        model.addAttribute("found", searched ? search.search(name, birthDate, mrn) : List.of());
        return form(
                new Form(patient == null ? null : patient.strip(), null, null, ReferralChannel.PATIENT.code()),
                Map.of(),
                List.of(),
                model);
    }

    /** The advocates matching what was typed so far: the typeahead's list (an htmx fragment of the form). */
    @GetMapping(path = "/front-desk/referrals/advocates", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String advocates(@RequestParam(required = false) String referrer, Model model) {
        model.addAttribute("matches", matches(referrer));
        model.addAttribute("typed", referrer != null && referrer.strip().length() >= 2);
        model.addAttribute("chosenCode", null);
        return "staff/front-desk/referral-new :: matches";
    }

    @PostMapping(path = "/front-desk/referrals", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String record(
            @RequestParam(required = false) String patientId,
            @RequestParam(required = false) String referrer,
            @RequestParam(required = false) String advocateCode,
            @RequestParam(required = false) String channel,
            Model model,
            RedirectAttributes redirect) {
        Form form = new Form(
                patientId == null ? null : patientId.strip().replaceFirst("^Patient/", ""),
                referrer,
                advocateCode,
                channel);
        Map<String, String> errors = new LinkedHashMap<>();
        List<Match> matches = List.of();
        String patient = form.patientId();
        if (!present(patient)) {
            errors.put("patientId", "Choose the new patient: search the EHR above, or type their EHR patient id.");
        } else if (!PATIENT_ID.matcher(patient).matches()) {
            errors.put("patientId", "That is not an EHR patient id: it has letters, digits, hyphens and dots only.");
        } else if (!ehrPatients.exists(patient)) {
            errors.put("patientId", "The EHR has no patient with the id " + patient + ". Search for them above.");
        } else if (referrals.isLinked(patient)) {
            errors.put(
                    "patientId",
                    "This patient's referral already names who referred them: the first referral counts, a later"
                            + " one changes nothing.");
        }
        Optional<ReferralChannel> heardBy = ReferralChannel.fromCode(channel);
        if (heardBy.isEmpty()) {
            errors.put("channel", "Choose how they heard of the practice.");
        }
        AdvocateView advocate = null;
        String typed = present(advocateCode) ? advocateCode : referrer;
        if (present(typed)) {
            ReferralManagement.CodeLookup found = referrals.lookUpCode(typed);
            if (found.advocate().isPresent()) {
                advocate = found.advocate().get();
            } else if (!present(advocateCode) && typed.chars().anyMatch(Character::isLetter)) {
                // maybe a name (the no-script way of the typeahead); a name can look like a mistyped code
                matches = matches(referrer);
                errors.put(
                        "referrer",
                        !matches.isEmpty()
                                ? "Pick the advocate from the list below, or type their referral code."
                                : found.unmatched() == UnmatchedReason.MALFORMED_CODE
                                        ? "No advocate has that name or referral code. Check the spelling, or ask"
                                                + " for the code on their card."
                                        : found.unmatched().description());
            } else {
                errors.put("referrer", found.unmatched().description());
            }
            if (advocate != null && advocate.patientId().equals(patient)) {
                errors.put("referrer", UnmatchedReason.SELF_REFERRAL.description());
            }
        } else if (heardBy.isPresent() && heardBy.get() == ReferralChannel.PATIENT) {
            errors.put(
                    "referrer",
                    "Say which advocate referred them, or choose another way they heard of the practice below.");
        }
        if (!errors.isEmpty()) {
            return form(form, errors, matches, model);
        }
        ReferralClaim claim = new ReferralClaim(
                patient,
                advocate == null ? null : advocate.referralCode(),
                null,
                heardBy.get().code(),
                clock.instant(),
                EVIDENCE_SOURCE,
                0,
                List.of());
        ReferralRecording recording = referrals.record(claim).orElseThrow();
        ReferralView referral = recording.referral();
        if (!recording.newlyRecorded()) {
            redirect.addFlashAttribute("problem", "Nothing changed: the patient's referral already says this.");
        } else if (referral.status() == ReferralStatus.UNMATCHED) {
            redirect.addFlashAttribute(
                    "problem", "Recorded, but not linked to an advocate. " + referral.unmatchedDescription());
        } else if (referral.status() == ReferralStatus.IN_REVIEW) {
            redirect.addFlashAttribute(
                    "notice",
                    "Recorded. It waits for a review: the new patient may be the advocate under another record.");
        } else if (referral.status() == ReferralStatus.CHANNEL_ONLY) {
            redirect.addFlashAttribute("notice", "Recorded how they heard of the practice.");
        } else {
            redirect.addFlashAttribute(
                    "notice", "Referral recorded: linked to the advocate with code " + advocate.referralCode() + ".");
        }
        return "redirect:/front-desk/referrals/" + referral.id();
    }

    @GetMapping(path = "/front-desk/referrals/{id}", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String referral(@PathVariable String id, Model model) {
        ReferralView referral = uuid(id).flatMap(lookup::referral)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such referral."));
        AdvocateView advocate = referral.advocateId() == null
                ? null
                : lookup.advocate(referral.advocateId()).orElse(null);
        model.addAttribute("referral", referral);
        model.addAttribute("status", FrontDeskReferralWords.status(referral.status()));
        model.addAttribute("channel", FrontDeskReferralWords.channelLabel(referral.channel()));
        model.addAttribute(
                "patient", ehrPatients.summary(referral.referredPatientId()).orElse(null));
        model.addAttribute("advocate", advocate);
        model.addAttribute(
                "advocatePatient",
                advocate == null
                        ? null
                        : ehrPatients.summary(advocate.patientId()).orElse(null));
        model.addAttribute(
                "reviewItemId",
                referral.status() == ReferralStatus.IN_REVIEW
                        ? lookup.openReviewItemOf(referral.id()).orElse(null)
                        : null);
        return "staff/front-desk/referral";
    }

    private String form(Form form, Map<String, String> errors, List<Match> matches, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("matches", matches);
        model.addAttribute("typed", !matches.isEmpty());
        model.addAttribute("chosenCode", form.advocateCode());
        model.addAttribute("channels", FrontDeskReferralWords.channels());
        String patient = form.patientId();
        model.addAttribute(
                "chosen",
                present(patient) && PATIENT_ID.matcher(patient).matches() && !errors.containsKey("patientId")
                        ? ehrPatients.summary(patient).orElse(null)
                        : null);
        if (!model.containsAttribute("found")) {
            model.addAttribute("found", List.of());
            model.addAttribute("searched", false);
        }
        return "staff/front-desk/referral-new";
    }

    /**
     * Advocates whose referral code starts with the text, then those the EHR finds by that name: at most {@value
     * #MAX_MATCHES}, each once. Names are read from the EHR now, shown, never kept.
     */
    private List<Match> matches(String typed) {
        if (typed == null || typed.strip().length() < 2) {
            return List.of();
        }
        String text = typed.strip();
        Map<String, Match> found = new LinkedHashMap<>();
        for (AdvocateView advocate : lookup.advocatesWithCodeStarting(text, CODE_MATCHES)) {
            Optional<EhrPatients.PatientSummary> summary = ehrPatients.summary(advocate.patientId());
            found.put(
                    advocate.referralCode(),
                    new Match(
                            advocate.referralCode(),
                            summary.map(EhrPatients.PatientSummary::name).orElse(null),
                            summary.map(EhrPatients.PatientSummary::birthDate).orElse(null)));
        }
        if (text.chars().anyMatch(Character::isLetter)) {
            for (FrontDeskPatientSearch.FoundPatient patient : search.search(text, null, null)) {
                if (found.size() >= MAX_MATCHES) {
                    break;
                }
                referrals
                        .advocateOfPatient(patient.patientId())
                        .ifPresent(advocate -> found.putIfAbsent(
                                advocate.referralCode(),
                                new Match(advocate.referralCode(), patient.name(), patient.birthDate())));
            }
        }
        return new ArrayList<>(found.values());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** What the form holds, to show it again with its errors. */
    record Form(String patientId, String referrer, String advocateCode, String channel) {}

    /** An advocate the typeahead offers. PHI (name, birth date): shown on the page, never logged. */
    record Match(String code, String name, String birthDate) {

        @Override
        public String toString() {
            return "Match[" + code + ", PHI]";
        }
    }
}
