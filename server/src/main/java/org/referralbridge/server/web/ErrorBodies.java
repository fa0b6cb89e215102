package org.referralbridge.server.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Error bodies for the layers below Spring MVC (Tomcat, the servlet container's error dispatch), which have no
 * message converters: an RFC 9457 problem for the API, an OperationOutcome under {@code /fhir/}. Written with Jackson's
 * streaming generator, so the same shape as {@link Problems} without a model. Never HTML, never the request echoed.
 */
final class ErrorBodies {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String FHIR_JSON = "application/fhir+json";

    private static final JsonFactory JSON = new JsonFactory();

    /** @param contentType with {@code ;charset=UTF-8} left to the caller */
    record Body(String contentType, String json) {}

    private ErrorBodies() {}

    /** Under {@code /fhir/} (the notification endpoint, the sandbox EHR) an OperationOutcome, else a problem. */
    static boolean isFhir(String path) {
        return path != null && (path.equals("/fhir") || path.startsWith("/fhir/") || path.startsWith("/sandbox/fhir"));
    }

    static Body of(String path, int status, String code, String title, String detail) {
        return isFhir(path) ? operationOutcome(status, detail) : problem(status, code, title, detail);
    }

    static Body problem(int status, String code, String title, String detail) {
        return new Body(PROBLEM_JSON, write(json -> {
            json.writeStringField("type", "https://referralbridge.org/problems/" + code);
            json.writeStringField("title", title);
            json.writeNumberField("status", status);
            json.writeStringField("detail", detail);
            json.writeStringField("instance", "urn:uuid:" + UUID.randomUUID());
            json.writeStringField("code", code);
        }));
    }

    static Body operationOutcome(int status, String detail) {
        return new Body(FHIR_JSON, write(json -> {
            json.writeStringField("resourceType", "OperationOutcome");
            json.writeArrayFieldStart("issue");
            json.writeStartObject();
            json.writeStringField("severity", status >= 500 ? "fatal" : "error");
            json.writeStringField("code", issueType(status));
            json.writeStringField("diagnostics", detail);
            json.writeEndObject();
            json.writeEndArray();
        }));
    }

    /** The OperationOutcome issue type (FHIR R4 value set issue-type) closest to an HTTP status. */
    static String issueType(int status) {
        return switch (status) {
            case 401, 403 -> "security";
            case 404 -> "not-found";
            case 405, 415 -> "not-supported";
            case 408 -> "timeout";
            case 409, 412 -> "conflict";
            case 413, 414, 431 -> "too-costly";
            case 429 -> "throttled";
            default -> status >= 500 ? "exception" : "invalid";
        };
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to a string failed", impossible);
        }
        return out.toString();
    }
}
