package org.referralbridge.server.messages;

import jakarta.annotation.security.PermitAll;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-click opt-out of program e-mail (RFC 8058). Anyone holding the link may call it, since the patient follows
 * it from their mailbox without signing in: the signed token guards it (see {@link OptOutTokens}). {@code GET} only
 * shows what a {@code POST} would do (mail scanners follow links); {@code POST} records the opt-out, honoured before
 * the next send. Audited as {@code message.opted-out}.
 */
@RestController
@RequestMapping(OptOutController.PATH)
class OptOutController {

    static final String PATH = "/api/messages/opt-out";

    private final OptOutTokens tokens;
    private final Suppressions suppressions;
    private final ApplicationEventPublisher events;

    OptOutController(OptOutTokens tokens, Suppressions suppressions, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.suppressions = suppressions;
        this.events = events;
    }

    /**
     * A small page with the button that opts out, for a browser; for any other client what the token says. A link
     * not valid is a problem, as every error of the service is, never an HTML page.
     */
    @GetMapping
    @PermitAll // the signed token guards it
    ResponseEntity<?> show(
            @RequestParam(required = false) String token,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<OptOutTokens.OptOut> optOut = tokens.verify(token);
        if (optOut.isEmpty()) {
            return invalid();
        }
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .body(html("Stop receiving referral-program e-mail at this address?", token));
        }
        return ResponseEntity.ok(Map.of(
                "valid",
                true,
                "optedOut",
                suppressions.suppressed(optOut.get().addressDigest()),
                "expires",
                optOut.get().expires().toString()));
    }

    /** The one-click opt-out (a mailbox posts {@code List-Unsubscribe=One-Click}), or the page's button. */
    @PostMapping
    @PermitAll // the signed token guards it
    ResponseEntity<?> optOut(@RequestParam(required = false) String token) {
        Optional<OptOutTokens.OptOut> optOut = tokens.verify(token);
        if (optOut.isEmpty()) {
            return invalid();
        }
        if (suppressions.suppress(optOut.get().addressDigest(), optOut.get().patientId())) {
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.MESSAGE_OPTED_OUT, "Patient/" + optOut.get().patientId()));
        }
        return ResponseEntity.ok(Map.of("optedOut", true));
    }

    private static ResponseEntity<?> invalid() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "RB-1801",
                        "Invalid opt-out link",
                        "the opt-out link is not valid, or has expired"));
    }

    private static String html(String question, String token) {
        String form = "<form method=\"post\" action=\"" + PATH + "?token=" + HtmlUtils.htmlEscape(token)
                + "\"><button type=\"submit\">Unsubscribe</button></form>";
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                + "<p>" + HtmlUtils.htmlEscape(question) + "</p>" + form + "</body></html>";
    }
}
