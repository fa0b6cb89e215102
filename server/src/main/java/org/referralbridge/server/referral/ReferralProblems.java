package org.referralbridge.server.referral;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns this module's exceptions into RFC 9457 problems with stable codes (RB-11xx); no PHI in any of them. */
@RestControllerAdvice(assignableTypes = {AdvocateController.class, ReferralController.class})
class ReferralProblems {

    @ExceptionHandler
    ProblemDetail patientNotFound(PatientNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "RB-1101", "Patient not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidCode(InvalidReferralCode e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "RB-1102", "Invalid referral code", e.getMessage());
        problem.setProperty("reason", e.reason());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail advocateNotFound(AdvocateNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "RB-1103", "Advocate not found", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ehrUnreachable(EhrPatients.EhrUnreachable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "30")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "RB-1104", "EHR unreachable", e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail unknownStatus(ReferralStatusParameter.UnknownReferralStatus e) {
        return problem(HttpStatus.BAD_REQUEST, "RB-1105", "Unknown referral status", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://referralbridge.org/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
