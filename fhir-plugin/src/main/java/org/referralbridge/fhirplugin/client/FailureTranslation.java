package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.InvalidResponseException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.referralbridge.fhirplugin.client.AuthorizationInterceptor.Unauthorized;
import org.referralbridge.fhirplugin.client.TransientStatusInterceptor.TransientStatus;

/**
 * Maps what HAPI's client throws to our named {@link EhrException}s. Never copies HAPI's messages: they can quote the
 * response body or the request URL, and either may hold PHI.
 */
final class FailureTranslation {

    private FailureTranslation() {}

    static RuntimeException translate(RuntimeException failure, String operation) {
        if (failure instanceof EhrException named) {
            return named;
        }
        if (failure instanceof Unauthorized unauthorized) {
            return EhrRequestRejected.authentication(operation, 401, unauthorized.getMessage());
        }
        if (failure instanceof TransientStatus status) {
            return new EhrUnavailable(operation, status.status(), status.retryAfter(), null);
        }
        if (failure instanceof FhirClientConnectionException) {
            return hasParseFailureCause(failure)
                    ? new EhrResponseMalformed(operation, null)
                    : new EhrUnavailable(operation, 0, null, networkCause(failure));
        }
        if (failure instanceof NonFhirResponseException
                || failure instanceof InvalidResponseException
                || failure instanceof DataFormatException) {
            return new EhrResponseMalformed(operation, null);
        }
        if (failure instanceof BaseServerResponseException response) {
            int status = response.getStatusCode();
            if (status == 429 || status >= 500) {
                return new EhrUnavailable(operation, status, null, null);
            }
            return new EhrRequestRejected(operation, status, issueCodes(response), null);
        }
        return failure;
    }

    private static boolean hasParseFailureCause(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DataFormatException || cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** The socket-level cause ("Read timed out", "Connection reset"): useful and free of request data. */
    private static IOException networkCause(Throwable failure) {
        IOException found = null;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                found = io;
            }
        }
        return found;
    }

    private static String issueCodes(BaseServerResponseException response) {
        if (!(response.getOperationOutcome() instanceof OperationOutcome outcome)) {
            return "";
        }
        return outcome.getIssue().stream()
                .map(issue -> (issue.hasSeverity() ? issue.getSeverity().toCode() : "unknown") + ":"
                        + (issue.hasCode() ? issue.getCode().toCode() : "unknown"))
                .collect(Collectors.joining(", "));
    }
}
