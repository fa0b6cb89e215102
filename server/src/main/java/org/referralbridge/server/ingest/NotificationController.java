package org.referralbridge.server.ingest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.referralbridge.fhirplugin.notification.IfMatchVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the EHR delivers Subscription notifications. The request path only authenticates, checks size and shape,
 * and stores one inbox row: parsing and everything else happen in workers (see docs/architecture.md for the figures).
 *
 * <p>Accepted shapes (R4):
 *
 * <ul>
 *   <li>rest-hook with payload, as a HAPI FHIR server sends it: {@code PUT /fhir/notify/{type}/{id}}, the bare
 *       resource as JSON body, {@code If-Match: W/"<version>"} carrying the EHR's version;
 *   <li>{@code DELETE /fhir/notify/{type}/{id}} for a deleted resource;
 *   <li>rest-hook without payload: an empty {@code POST /fhir/notify}, which starts a catch-up search;
 *   <li>a topic-based notification Bundle (Subscriptions R5 Backport IG): {@code POST /fhir/notify} with the Bundle.
 * </ul>
 */
@RestController
// the EHR signs in with the notification secret, checked here (not a staff sign-in)
@PermitAll
@RequestMapping(NotifyEndpoint.PATH)
class NotificationController {

    static final Set<String> WATCHED_TYPES =
            Set.of("Patient", "Encounter", "Consent", "Coverage", "QuestionnaireResponse", "Appointment");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final NotifyEndpoint endpoint;
    private final NotifyRateLimit rateLimit;
    private final Inbox inbox;
    private final NotificationBodies bodies;
    private final FhirContext fhirContext;

    NotificationController(
            NotifyEndpoint endpoint,
            NotifyRateLimit rateLimit,
            Inbox inbox,
            NotificationBodies bodies,
            FhirContext fhirContext) {
        this.endpoint = endpoint;
        this.rateLimit = rateLimit;
        this.inbox = inbox;
        this.bodies = bodies;
        this.fhirContext = fhirContext;
    }

    // The answers are a bare 200 with an empty body (Content-Length: 0). A void method with @ResponseStatus is
    // answered without Spring MVC's return value handling: a ResponseEntity would go through content negotiation
    // and the message converters for its null body, a measurable part of this endpoint's time (docs/performance.md,
    // "Intake").

    @PutMapping("/{type}/{id}")
    @PermitAll // the notification secret guards it
    @ResponseStatus(HttpStatus.OK)
    void resourceChanged(@PathVariable String type, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        authenticate(request);
        requireWatched(type, id);
        byte[] body = readBody(request);
        bodies.checkResource(type, id, body, request.getContentType());
        inbox.resourceChanged(
                type, id, IfMatchVersion.parse(request.getHeader("If-Match")).orElse(null));
    }

    @DeleteMapping("/{type}/{id}")
    @PermitAll // the notification secret guards it
    @ResponseStatus(HttpStatus.OK)
    void resourceDeleted(@PathVariable String type, @PathVariable String id, HttpServletRequest request) {
        authenticate(request);
        requireWatched(type, id);
        inbox.resourceChanged(type, id, null);
    }

    @PostMapping
    @PermitAll // the notification secret guards it
    @ResponseStatus(HttpStatus.OK)
    void notified(HttpServletRequest request) throws IOException {
        authenticate(request);
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            // else a multipart or form body, which the servlet layer may have read already, would look empty
            NotificationBodies.requireJson(request.getContentType());
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            inbox.catchUpRequested();
        } else {
            inbox.notificationBundle(bodies.checkBundle(body, request.getContentType()));
        }
    }

    @ExceptionHandler
    ResponseEntity<String> rejected(NotificationRejected e) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof NotificationThrottled throttled) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(e.issueType()))
                .setDiagnostics(e.getMessage());
        return ResponseEntity.status(e.status())
                .headers(headers)
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    /** Throttles first, so a client guessing the secret is throttled too; then the secret. */
    private void authenticate(HttpServletRequest request) {
        long wait = rateLimit.secondsToWait(request.getRemoteAddr());
        if (wait > 0) {
            throw new NotificationThrottled(wait, rateLimit.describe());
        }
        if (!endpoint.acceptsSecret(request.getHeader(endpoint.secretHeader()))) {
            throw new NotificationRejected(
                    HttpStatus.UNAUTHORIZED,
                    "security",
                    "missing or wrong " + endpoint.secretHeader() + " header: the Subscription's channel.header must"
                            + " carry one of the secrets configured (referralbridge.notify.secret or"
                            + " referralbridge.notify.secrets-file)");
        }
    }

    private static void requireWatched(String type, String id) {
        if (!WATCHED_TYPES.contains(type)) {
            throw new NotificationRejected(
                    HttpStatus.BAD_REQUEST,
                    "not-supported",
                    "Referral Bridge does not watch " + (type.length() > 40 ? "that resource type" : type)
                            + " resources; it watches "
                            + String.join(", ", WATCHED_TYPES.stream().sorted().toList()));
        }
        if (!FHIR_ID.matcher(id).matches()) {
            throw new NotificationRejected(
                    HttpStatus.BAD_REQUEST, "invalid", "the resource id in the URL is not a FHIR id");
        }
    }

    /** Reads at most the size limit; a declared or actual larger body is refused before it is stored anywhere. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        int limit = endpoint.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static NotificationRejected tooLarge(int limit) {
        return new NotificationRejected(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "too-costly",
                "notification body is larger than the limit of " + limit
                        + " bytes (referralbridge.notify.max-body-bytes)");
    }
}
