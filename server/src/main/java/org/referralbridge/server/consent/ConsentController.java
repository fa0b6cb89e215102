package org.referralbridge.server.consent;

import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
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

    static final Set<String> MESSAGE_CHANNELS = Set.of(ProgramMessagesConsent.EMAIL, ProgramMessagesConsent.SMS);
    static final Set<String> RECOGNITION_CHANNELS = Set.of(
            ReferrerRecognitionConsent.NEWSLETTER,
            ReferrerRecognitionConsent.SOCIAL_MEDIA,
            ReferrerRecognitionConsent.OFFICE_DISPLAY);
    private static final java.util.regex.Pattern PATIENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

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
        String id = patient.strip().replaceFirst("^Patient/", "");
        if (!PATIENT_ID.matcher(id).matches()) {
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

    /** The body as a statement, or every problem it has. */
    static ConsentStatement statement(ConsentBody body) {
        List<InvalidConsent.Problem> problems = new ArrayList<>();
        ConsentKind kind =
                body.kind() == null ? null : ConsentKind.ofCode(body.kind()).orElse(null);
        if (kind == null) {
            problems.add(new InvalidConsent.Problem(
                    "kind", "must be referral-disclosure, referrer-recognition or program-messages"));
        }
        if (body.patientId() == null
                || !PATIENT_ID.matcher(strip(body.patientId())).matches()) {
            problems.add(new InvalidConsent.Problem("patientId", "must be a Patient id"));
        }
        boolean permit = "permit".equals(body.decision());
        if (!permit && !"deny".equals(body.decision())) {
            problems.add(new InvalidConsent.Problem("decision", "must be permit or deny"));
        }
        List<String> channels = body.channels() == null ? List.of() : body.channels();
        if (kind == ConsentKind.REFERRAL_DISCLOSURE) {
            if (body.actorPatientId() == null
                    || !PATIENT_ID.matcher(strip(body.actorPatientId())).matches()) {
                problems.add(new InvalidConsent.Problem(
                        "actorPatientId", "a disclosure consent names the referrer it is about (a Patient id)"));
            }
            if (!channels.isEmpty()) {
                problems.add(new InvalidConsent.Problem("channels", "a disclosure consent has no channels"));
            }
        } else if (kind == ConsentKind.REFERRER_RECOGNITION) {
            if (channels.isEmpty() || !RECOGNITION_CHANNELS.containsAll(channels)) {
                problems.add(new InvalidConsent.Problem(
                        "channels", "one or more of newsletter, social-media, office-display"));
            }
        } else if (kind == ConsentKind.PROGRAM_MESSAGES) {
            if (channels.size() != 1 || !MESSAGE_CHANNELS.contains(channels.get(0))) {
                problems.add(new InvalidConsent.Problem("channels", "exactly one of email, sms"));
            } else if (permit
                    && ProgramMessagesConsent.SMS.equals(channels.get(0))
                    && !Boolean.TRUE.equals(body.writtenRecord())) {
                problems.add(new InvalidConsent.Problem(
                        "writtenRecord", "an SMS opt-in needs a written record on file (TCPA, 47 CFR 64.1200)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConsent(problems);
        }
        return new ConsentStatement(
                kind,
                strip(body.patientId()),
                kind == ConsentKind.REFERRAL_DISCLOSURE ? strip(body.actorPatientId()) : null,
                channels,
                permit,
                ConsentStatement.ACTIVE,
                Boolean.TRUE.equals(body.writtenRecord()),
                body.consentedAt(),
                null);
    }

    private static String strip(String id) {
        return id.strip().replaceFirst("^Patient/", "");
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
