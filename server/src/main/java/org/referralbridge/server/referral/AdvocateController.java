package org.referralbridge.server.referral;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/advocates")
class AdvocateController {

    private final ReferralManagement referrals;
    private final ApplicationEventPublisher events;

    AdvocateController(ReferralManagement referrals, ApplicationEventPublisher events) {
        this.referrals = referrals;
        this.events = events;
    }

    /** Enrols an existing EHR patient: 201 the first time, 200 with the same code after that. */
    @PostMapping
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN})
    ResponseEntity<AdvocateView> enrol(@Valid @RequestBody EnrolmentRequest request) {
        Enrolment enrolment = referrals.enrol(request.patientId());
        AdvocateView advocate = enrolment.advocate();
        if (!enrolment.newlyEnrolled()) {
            return ResponseEntity.ok(advocate);
        }
        events.publishEvent(ChangeMade.succeeded(AuditAction.ADVOCATE_ENROLLED, "Patient/" + advocate.patientId()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/advocates/" + advocate.referralCode()))
                .body(advocate);
    }

    @GetMapping("/{code}")
    @RolesAllowed({Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR})
    AdvocateView advocate(@PathVariable String code) {
        return referrals.advocate(code);
    }

    /** @param patientId the Patient's logical id in the EHR (FHIR id syntax) */
    record EnrolmentRequest(
            @NotBlank(message = "patientId is required")
            @Pattern(
                    regexp = "[A-Za-z0-9\\-.]{1,64}",
                    message = "patientId must be a FHIR id: 1-64 letters, digits, '-' or '.'")
            String patientId) {}
}
