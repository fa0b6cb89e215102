package org.referralbridge.server.referral;

import org.referralbridge.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns this module's exceptions into RFC 9457 problems with stable codes (RB-11xx); no PHI in any of them. */
@RestControllerAdvice(
        assignableTypes = {AdvocateController.class, ReferralController.class, ReviewItemController.class})
class ReferralProblems {

    @ExceptionHandler
    ProblemDetail patientNotFound(PatientNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1101", "Patient not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidCode(InvalidReferralCode e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "RB-1102", "Invalid referral code", e.getMessage());
        problem.setProperty("reason", e.reason());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail advocateNotFound(AdvocateNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1103", "Advocate not found", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ehrUnreachable(EhrPatients.EhrUnreachable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "30")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "RB-1104", "EHR unreachable", e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail unknownStatus(ReferralStatusParameter.UnknownReferralStatus e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "RB-1105", "Unknown referral status", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail reviewItemNotFound(ReviewItemNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1106", "Review item not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail reviewItemDecided(ReviewItemDecided e) {
        return Problems.of(HttpStatus.CONFLICT, "RB-1107", "Review item already decided", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail referralNotFound(ReferralNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1109", "Referral not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notACandidate(NotACandidate e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "RB-1108", "Not a candidate of this review item", e.getMessage());
    }
}
