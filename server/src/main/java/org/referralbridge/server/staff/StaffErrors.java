package org.referralbridge.server.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a staff page shows when its work fails: a page in plain words, never a stack trace or a bare code. The other
 * modules' exceptions carry messages written for people and free of PHI (each module's rule), so those are shown as
 * they are; anything else (a bug, a database failure) is shown as "something went wrong" with a reference that is
 * also in the log, so clinic IT can find it.
 */
@ControllerAdvice(basePackageClasses = StaffErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaffErrors {

    private static final Logger log = LoggerFactory.getLogger(StaffErrors.class);
    private static final String OURS = "org.referralbridge.";

    @ExceptionHandler(Exception.class)
    String failed(Exception failure, Model model, HttpServletResponse response) {
        Shown shown = shown(failure);
        response.setStatus(shown.status().value());
        model.addAttribute("status", shown.status().value());
        model.addAttribute("message", shown.message());
        return "staff/error";
    }

    static Shown shown(Exception failure) {
        if (failure instanceof ErrorResponse error) {
            String detail = error.getBody().getDetail();
            HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
            return new Shown(status, detail == null ? status.getReasonPhrase() : detail);
        }
        String type = failure.getClass().getName();
        if (type.startsWith(OURS) && failure.getMessage() != null) {
            String name = failure.getClass().getSimpleName();
            HttpStatus status = name.endsWith("NotFound")
                    ? HttpStatus.NOT_FOUND
                    : name.contains("Unreachable") || name.contains("Unavailable")
                            ? HttpStatus.SERVICE_UNAVAILABLE
                            : HttpStatus.CONFLICT;
            return new Shown(status, failure.getMessage());
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        // the class and where it was thrown, not the message: a library's message may quote what it was given
        StackTraceElement where = failure.getStackTrace().length > 0 ? failure.getStackTrace()[0] : null;
        log.error("A staff page failed (reference {}): {} at {}", reference, type, where);
        return new Shown(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side, and nothing was changed. Try again; if it happens again, give"
                        + " clinic IT the reference " + reference + ".");
    }

    record Shown(HttpStatus status, String message) {}
}
