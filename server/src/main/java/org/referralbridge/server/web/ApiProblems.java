package org.referralbridge.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problems for what any request can get wrong, after the modules' own handlers had their say: invalid fields
 * (RB-1001, each named), an unreadable body (RB-1002), a parameter out of range (RB-1003, named), a key twice in one
 * JSON object (RB-1004, named), a request the web layer refuses (RB-1005: no such URL, method or media type), and
 * anything unexpected (RB-1000, logged with its type only, answered without details). Under {@code /fhir/} each is an
 * OperationOutcome instead. No detail quotes the request: Spring's default texts that do are replaced.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,63}");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "RB-1001", "Invalid request", detail), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "RB-1004",
                    "Duplicate key",
                    "the request body has the key " + duplicate
                            + " twice in one object: which one is meant is ambiguous");
            problem.setProperty("key", duplicate);
            return respond(problem, request);
        }
        return respond(
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "RB-1002",
                        "Unreadable request",
                        "the request body is missing or is not the JSON this endpoint takes"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : e.getPropertyName();
        String type = e.getRequiredType() == null ? "" : e.getRequiredType().getSimpleName();
        String expected = switch (type) {
            case "int", "Integer" -> "a whole number from 0 to " + Integer.MAX_VALUE;
            case "long", "Long" -> "a whole number";
            default -> "a value of another form";
        };
        return respond(invalidParameter(name, name + " must be " + expected), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidParameter(InvalidParameter e, WebRequest request) {
        return respond(invalidParameter(e.parameter(), e.getMessage()), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(
                Problems.of(HttpStatus.NOT_FOUND, ProblemReportValve.CODE, "Not Found", "no resource at this URL"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = e.getSupportedHttpMethods() == null
                ? ""
                : " (it takes "
                        + e.getSupportedHttpMethods().stream()
                                .map(Object::toString)
                                .sorted()
                                .collect(Collectors.joining(", "))
                        + ")";
        ResponseEntity<Object> response = respond(
                Problems.of(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        ProblemReportValve.CODE,
                        "Method Not Allowed",
                        "this URL does not take that HTTP method" + supported),
                request);
        return ResponseEntity.status(response.getStatusCode())
                .headers(headers)
                .headers(response.getHeaders())
                .body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported =
                e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
        return respond(
                Problems.of(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        ProblemReportValve.CODE,
                        "Unsupported Media Type",
                        "the request body's Content-Type is not one this endpoint takes"
                                + (supported.isEmpty() ? "" : " (" + supported + ")")),
                request);
    }

    /**
     * Every standard exception not handled above ends here: its problem gets a code and an occurrence id (else Spring
     * fills in the request's path), and under /fhir/ becomes an OperationOutcome.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                String code = statusCode.is5xxServerError() ? "RB-1000" : ProblemReportValve.CODE;
                problem.setType(URI.create("https://referralbridge.org/problems/" + code));
                problem.setProperty("code", code);
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create("urn:uuid:" + UUID.randomUUID()));
            }
            if (ErrorBodies.isFhir(path(request))) {
                return fhir(problem, headers);
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(RuntimeException e, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "RB-1000",
                "Internal error",
                "something went wrong on our side; the log has the details");
        // the types only: messages of third-party exceptions may quote data
        log.error("Unexpected {} while handling a request (problem {})", describe(e), problem.getInstance());
        return respond(problem, request);
    }

    /**
     * A failure for the log without its messages: the type of it and of each cause, and where it was thrown (class,
     * method and line, which hold no data).
     */
    static String describe(Throwable failure) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            chain.add(t.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]));
        }
        return String.join(", caused by ", chain);
    }

    private static ProblemDetail invalidParameter(String name, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "RB-1003", "Invalid parameter", detail);
        problem.setProperty("parameter", name);
        return problem;
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
        if (ErrorBodies.isFhir(path(request))) {
            return fhir(problem, new HttpHeaders());
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> fhir(ProblemDetail problem, HttpHeaders headers) {
        ErrorBodies.Body outcome = ErrorBodies.operationOutcome(problem.getStatus(), problem.getDetail());
        HttpHeaders fhirHeaders = new HttpHeaders();
        fhirHeaders.addAll(headers);
        fhirHeaders.setContentType(MediaType.parseMediaType(outcome.contentType() + ";charset=UTF-8"));
        return ResponseEntity.status(problem.getStatus()).headers(fhirHeaders).body(outcome.json());
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : null;
    }

    /** The key Jackson found twice (with strict duplicate detection on), if that was why the body was unreadable. */
    private static String duplicateKey(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json
                    && json.getOriginalMessage() != null
                    && json.getOriginalMessage().startsWith("Duplicate field")
                    && json.getProcessor() instanceof JsonParser parser) {
                String name = parser.getParsingContext().getCurrentName();
                return name != null && KEY_NAME.matcher(name).matches() ? name : "(a key that is no field name)";
            }
        }
        return null;
    }
}
