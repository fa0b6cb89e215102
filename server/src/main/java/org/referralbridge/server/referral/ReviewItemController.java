package org.referralbridge.server.referral;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.InvalidParameter;
import org.referralbridge.server.web.Paging;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referrals waiting for the front desk to confirm or reject: referrers named by demographics only, and possible
 * duplicate identities (each item says its kind). Lists carry ids and scores only; opening one item reads each
 * candidate's name from the EHR.
 */
@RestController
@RequestMapping("/api/review-items")
class ReviewItemController {

    static final int MAX_PAGE_SIZE = 500;

    private final ReviewDecisions decisions;
    private final Advocates advocates;
    private final EhrPatients ehrPatients;
    private final ApplicationEventPublisher events;

    ReviewItemController(
            ReviewDecisions decisions, Advocates advocates, EhrPatients ehrPatients, ApplicationEventPublisher events) {
        this.decisions = decisions;
        this.advocates = advocates;
        this.ehrPatients = ehrPatients;
        this.events = events;
    }

    /** Items, oldest first; {@code status} {@code open} (the default), {@code confirmed}, {@code rejected}, {@code superseded} or {@code all}. */
    @GetMapping
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    ReviewItemPage items(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ReviewItemStatus wanted = status(status);
        Paging.check(page, size, MAX_PAGE_SIZE, "review items");
        Page<ReviewItemView> found = decisions.reviewItems(
                wanted, PageRequest.of(page, size, Sort.by("createdAt").ascending()));
        return new ReviewItemPage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    /**
     * One item with what the EHR says of each candidate now (and, for a possible duplicate, of the referred patient):
     * the front desk's view, not stored, not logged.
     */
    @GetMapping("/{id}")
    @RolesAllowed(Roles.FRONT_DESK)
    ReviewItemDetails item(@PathVariable UUID id) {
        ReviewItemView item = decisions.reviewItem(id);
        List<ReviewItemDetails.Candidate> candidates = item.candidates().stream()
                .map(candidate -> new ReviewItemDetails.Candidate(
                        candidate.patientId(),
                        candidate.score(),
                        advocates.findByPatientId(candidate.patientId()).isPresent(),
                        ehrPatients.summary(candidate.patientId()).orElse(null)))
                .toList();
        EhrPatients.PatientSummary referred = item.kind() == ReviewItemKind.POSSIBLE_DUPLICATE
                ? ehrPatients.summary(item.referredPatientId()).orElse(null)
                : null;
        return new ReviewItemDetails(item, candidates, referred);
    }

    /** Links the referral to the chosen candidate ({@code patientId}; optional when there is one candidate). */
    @PostMapping("/{id}/confirm")
    @RolesAllowed(Roles.FRONT_DESK)
    ReferralView confirm(@PathVariable UUID id, @RequestBody(required = false) Decision decision, Principal caller) {
        String patientId = decision == null ? null : decision.patientId();
        try {
            ReferralView linked = decisions.confirmReview(id, patientId, caller.getName());
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.REVIEW_CONFIRMED, "review-item/" + id, linked.referrerReference()));
            return linked;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_CONFIRMED, "review-item/" + id));
            throw refused;
        }
    }

    /** Leaves the referral unmatched, {@code REJECTED_BY_STAFF} ({@code POSSIBLE_DUPLICATE} for that kind of item). */
    @PostMapping("/{id}/reject")
    @RolesAllowed(Roles.FRONT_DESK)
    ReferralView reject(@PathVariable UUID id, Principal caller) {
        try {
            ReferralView rejected = decisions.rejectReview(id, caller.getName());
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.REVIEW_REJECTED, "review-item/" + id, "Patient/" + rejected.referredPatientId()));
            return rejected;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(AuditAction.REVIEW_REJECTED, "review-item/" + id));
            throw refused;
        }
    }

    private static ReviewItemStatus status(String text) {
        if ("all".equalsIgnoreCase(text)) {
            return null;
        }
        try {
            return ReviewItemStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("status", "status must be open, confirmed, rejected, superseded or all");
        }
    }

    /** @param patientId the chosen candidate's Patient id ({@code 123} or {@code Patient/123}) */
    record Decision(String patientId) {}

    record ReviewItemPage(List<ReviewItemView> items, int page, int size, long total) {}
}
