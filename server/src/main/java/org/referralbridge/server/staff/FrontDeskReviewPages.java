package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.NotACandidate;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralView;
import org.referralbridge.server.referral.ReviewCandidate;
import org.referralbridge.server.referral.ReviewDecisions;
import org.referralbridge.server.referral.ReviewItemDecided;
import org.referralbridge.server.referral.ReviewItemKind;
import org.referralbridge.server.referral.ReviewItemStatus;
import org.referralbridge.server.referral.ReviewItemView;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
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
 * The review queue: referrals waiting for the front desk (a referrer named by demographics only, or a new patient who
 * may be the advocate under another record), and one item with the patients it is about side by side, to confirm a
 * candidate or reject them all through {@link ReviewDecisions}, audited as the API's decisions are.
 */
@Controller
class FrontDeskReviewPages {

    static final int PAGE_SIZE = 20;
    static final List<String> STATUSES = List.of("open", "confirmed", "rejected", "superseded", "all");

    private final ReviewDecisions decisions;
    private final ReferralManagement referrals;
    private final FrontDeskReviewPatients patients;
    private final ApplicationEventPublisher events;

    FrontDeskReviewPages(
            ReviewDecisions decisions,
            ReferralManagement referrals,
            FrontDeskReviewPatients patients,
            ApplicationEventPublisher events) {
        this.decisions = decisions;
        this.referrals = referrals;
        this.patients = patients;
        this.events = events;
    }

    @GetMapping(path = "/front-desk/review", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String queue(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String wanted = status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            model.addAttribute("problem", "There is no such status: showing the open items.");
            wanted = "open";
        }
        Page<ReviewItemView> found = decisions.reviewItems(
                "all".equals(wanted) ? null : ReviewItemStatus.valueOf(wanted.toUpperCase(Locale.ROOT)),
                PageRequest.of(
                        Math.max(page, 0), PAGE_SIZE, Sort.by("createdAt").ascending()));
        Map<String, FrontDeskReviewPatients.Shown> read;
        try {
            read = patients.read(found.getContent().stream()
                    .map(ReviewItemView::referredPatientId)
                    .toList());
        } catch (EhrException unreachable) {
            // the queue is still useful without names: each item's page reads them again
            read = Map.of();
            model.addAttribute(
                    "problem", "The EHR did not answer, so the patients' names are not shown. Try again in a moment.");
        }
        Map<String, FrontDeskReviewPatients.Shown> shown = read;
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("page", found);
        model.addAttribute(
                "rows",
                found.getContent().stream()
                        .map(item -> new QueueRow(
                                item, kind(item.kind()), shown.get(item.referredPatientId()), statusLabel(item)))
                        .toList());
        return "staff/front-desk/review";
    }

    @GetMapping(path = "/front-desk/review/{id}", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String item(@PathVariable String id, Model model) {
        ReviewItemView item = decisions.reviewItem(uuid(id));
        List<String> ids = new ArrayList<>();
        ids.add(item.referredPatientId());
        item.candidates().forEach(candidate -> ids.add(candidate.patientId()));
        Map<String, FrontDeskReviewPatients.Shown> shown = patients.read(ids);
        List<CandidateColumn> candidates = new ArrayList<>();
        for (ReviewCandidate candidate : item.candidates()) {
            candidates.add(new CandidateColumn(
                    candidate.patientId(),
                    candidate.score(),
                    referrals.advocateOfPatient(candidate.patientId()).orElse(null),
                    shown.get(candidate.patientId()),
                    candidate.patientId().equals(item.chosenPatientId())));
        }
        boolean duplicate = item.kind() == ReviewItemKind.POSSIBLE_DUPLICATE;
        model.addAttribute("item", item);
        model.addAttribute("kind", kind(item.kind()));
        model.addAttribute("duplicate", duplicate);
        model.addAttribute("heading", duplicate ? "Review: the same person?" : "Review: who referred them?");
        model.addAttribute(
                "confirmQuestion",
                duplicate
                        ? "Confirm that they are different people? The referral is linked to this advocate."
                        : "Confirm that this is the referrer? The referral is linked to them.");
        model.addAttribute(
                "rejectQuestion",
                duplicate
                        ? "Reject: the new patient is this advocate? The referral is not linked."
                        : "None of them referred the patient? The referral is not linked to anyone.");
        model.addAttribute("open", item.status() == ReviewItemStatus.OPEN);
        model.addAttribute("statusLabel", statusLabel(item));
        model.addAttribute("referred", shown.get(item.referredPatientId()));
        model.addAttribute("candidates", candidates);
        model.addAttribute(
                "signals",
                item.duplicateSignals().stream()
                        .map(signal -> signal.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .toList());
        return "staff/front-desk/review-item";
    }

    @PostMapping(path = "/front-desk/review/{id}/confirm", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String confirm(
            @PathVariable String id,
            @RequestParam(required = false) String patientId,
            Principal caller,
            RedirectAttributes redirect) {
        UUID itemId = uuid(id);
        try {
            ReferralView linked = decisions.confirmReview(itemId, patientId, caller.getName());
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.REVIEW_CONFIRMED, "review-item/" + itemId, linked.referrerReference()));
            redirect.addFlashAttribute("notice", "Confirmed: the referral is now linked to the chosen advocate.");
        } catch (ReviewItemDecided | NotACandidate refused) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_CONFIRMED, "review-item/" + itemId));
            redirect.addFlashAttribute("problem", refusal(refused));
        } catch (RuntimeException failed) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_CONFIRMED, "review-item/" + itemId));
            throw failed;
        }
        return "redirect:/front-desk/review/" + itemId;
    }

    @PostMapping(path = "/front-desk/review/{id}/reject", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String reject(@PathVariable String id, Principal caller, RedirectAttributes redirect) {
        UUID itemId = uuid(id);
        try {
            ReferralView rejected = decisions.rejectReview(itemId, caller.getName());
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.REVIEW_REJECTED, "review-item/" + itemId, "Patient/" + rejected.referredPatientId()));
            redirect.addFlashAttribute("notice", "Rejected: the referral is not linked to anyone.");
        } catch (ReviewItemDecided refused) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_REJECTED, "review-item/" + itemId));
            redirect.addFlashAttribute("problem", refusal(refused));
        } catch (RuntimeException failed) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_REJECTED, "review-item/" + itemId));
            throw failed;
        }
        return "redirect:/front-desk/review/" + itemId;
    }

    private static String refusal(RuntimeException refused) {
        return refused instanceof ReviewItemDecided
                ? "Someone already decided this review, so nothing changed."
                : "Choose one of the candidates shown; nothing changed.";
    }

    private static String kind(ReviewItemKind kind) {
        return kind == ReviewItemKind.POSSIBLE_DUPLICATE
                ? "May be the advocate under another record"
                : "Named a referrer by name only";
    }

    private static String statusLabel(ReviewItemView item) {
        switch (item.status()) {
            case OPEN:
                return "Waiting for a decision";
            case CONFIRMED:
                return "Confirmed";
            case REJECTED:
                return "Rejected";
            case SUPERSEDED:
            default:
                return "Settled by later evidence (e.g. a referral code)";
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such review item.");
        }
    }

    /** A row of the queue. PHI (the referred patient's name): shown on the page, never logged. */
    record QueueRow(ReviewItemView item, String kind, FrontDeskReviewPatients.Shown referred, String status) {

        @Override
        public String toString() {
            return "QueueRow[" + item.id() + ", PHI]";
        }
    }

    /**
     * A candidate as the item's page shows them, next to the others.
     *
     * @param advocate their enrolment, or null when a confirmation would enrol them
     * @param patient what the EHR says of them now; null when it no longer has them
     * @param chosen whether staff confirmed this one
     */
    record CandidateColumn(
            String patientId, int score, AdvocateView advocate, FrontDeskReviewPatients.Shown patient, boolean chosen) {

        @Override
        public String toString() {
            return "CandidateColumn[Patient/" + patientId + ", PHI]";
        }
    }
}
