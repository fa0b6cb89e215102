package org.referralbridge.server.consent;

import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consents the front desk records or revokes (written to the EHR as Consents of the package's profiles), and every
 * consent of a patient with its history. Audited as {@code consent.recorded} and {@code consent.revoked}.
 */
@RestController
@RequestMapping("/api/consents")
class ConsentController {

    static final Set<String> RECOGNITION_CHANNELS = ConsentChecks.RECOGNITION_CHANNELS;

    private final ConsentState consents;
    private final ApplicationEventPublisher events;

    ConsentController(ConsentState consents, ApplicationEventPublisher events) {
        this.consents = consents;
        this.events = events;
    }

    /**
     * A consent as the front desk took it.
     *
     * @param kind {@code referral-disclosure}, {@code referrer-recognition} or {@code program-messages}
     * @param actorPatientId for a disclosure: the referrer the referred patient lets the practice tell
     * @param channels recognition: one or more of newsletter, social-media, office-display; messages: exactly one of
     *     email, sms
     * @param decision {@code permit} or {@code deny}
     * @param writtenRecord a signed form is on file (required for an SMS opt-in)
     */
    record ConsentBody(
            String kind,
            String patientId,
            String actorPatientId,
            List<String> channels,
            String decision,
            Boolean writtenRecord,
            Instant consentedAt) {}

    /** 201 with the rows recorded; 400 {@code RB-1701} naming every problem. */
    @PostMapping
    @RolesAllowed(Roles.FRONT_DESK)
    ResponseEntity<List<ConsentView>> record(@RequestBody ConsentBody body, Principal caller) {
        ConsentStatement statement = statement(body);
        List<ConsentView> recorded = audited(
                AuditAction.CONSENT_RECORDED,
                "Patient/" + statement.patientId(),
                () -> consents.record(statement, caller.getName()));
        return ResponseEntity.created(URI.create("/api/consents?patient=" + statement.patientId()))
                .body(recorded);
    }

    /** The patient withdrew the consent: 200 with the inactive rows; 404 {@code RB-1702}. */
    @PostMapping("/{statementId}/revoke")
    @RolesAllowed(Roles.FRONT_DESK)
    List<ConsentView> revoke(@PathVariable UUID statementId, Principal caller) {
        return audited(
                AuditAction.CONSENT_REVOKED,
                "consent/" + statementId,
                () -> consents.revoke(statementId, caller.getName()));
    }

    /** Every consent row of the patient, current and past, oldest first. */
    @GetMapping
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    List<ConsentView> of(@RequestParam String patient) {
        String id = ConsentChecks.strip(patient);
        if (!ConsentChecks.isPatientId(id)) {
            throw new org.referralbridge.server.web.InvalidParameter("patient", "patient must be a Patient id");
        }
        return consents.of(id);
    }

    private <T> T audited(AuditAction action, String resource, Supplier<T> change) {
        try {
            T changed = change.get();
            events.publishEvent(ChangeMade.succeeded(action, resource));
            return changed;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(action, resource));
            throw refused;
        }
    }

    /** The body as a statement, or every problem it has ({@link ConsentChecks}, shared with the staff pages). */
    static ConsentStatement statement(ConsentBody body) {
        ConsentChecks.Checked checked = ConsentChecks.check(new ConsentChecks.Request(
                body.kind(),
                body.patientId(),
                body.actorPatientId(),
                body.channels(),
                body.decision(),
                body.writtenRecord(),
                body.consentedAt()));
        if (!checked.valid()) {
            throw new InvalidConsent(checked.problems().stream()
                    .map(problem -> new InvalidConsent.Problem(problem.field(), problem.message()))
                    .toList());
        }
        return checked.statement();
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidConsent e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "RB-1701",
                "Invalid consent",
                "the consent has " + e.problems().size() + " problem(s); each is listed in 'errors'");
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ConsentNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1702", "Consent not found", e.getMessage());
    }
}
