package org.referralbridge.server.web;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends an error no controller answered (a filter's or servlet's exception, a
 * {@code sendError}): a problem, or an OperationOutcome under {@code /fhir/}, whatever the client accepts. Replaces
 * Spring Boot's error controller, whose answer to a browser is an HTML page and whose messages may quote the request.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

    // it only words the refusal of a request that got this far
    @PermitAll
    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly, /error is just a URL without a resource
        int status = code instanceof Integer given ? given : 404;
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable throwable) {
            // the type only: messages of third-party exceptions may quote data
            log.error("Unexpected {} while handling a request", ApiProblems.describe(throwable));
        }
        ErrorBodies.Body body = ErrorBodies.of(
                path == null ? request.getRequestURI() : path,
                status,
                status >= 500 ? "RB-1000" : ProblemReportValve.CODE,
                ErrorBodies.title(status),
                detail(status));
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(body.contentType() + ";charset=UTF-8"))
                .body(body.json());
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid";
            case 401, 403 -> "the request is not allowed without the right credentials";
            case 404 -> "no resource at this URL";
            case 405 -> "this URL does not take that HTTP method";
            case 413 -> "the request body is larger than this server accepts";
            default ->
                status >= 500 ? "something went wrong on our side; the log has the details" : "the request was refused";
        };
    }
}
