package org.referralbridge.server.cds;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.referralbridge.server.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The CDS Hooks endpoints. Discovery ({@code GET /cds-services}) is open, as the spec has it; a service call is open
 * to the network but answered only for a CDS client whose signed JWT we trust ({@link CdsClientTokens}), which is why
 * it is {@link PermitAll}: the token is checked here, before the body is read.
 */
@RestController
class CdsHooksController {

    static final String SERVICES = "/cds-services";
    static final String PATIENT_VIEW = "referral-bridge-patient-view";
    private static final int BODY_LIMIT = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CdsHooksController.class);

    private final CdsClientTokens tokens;
    private final PatientViewService service;
    private final CdsProperties properties;
    private final ObjectMapper json;
    private final FhirContext fhirContext;
    private final java.time.Clock clock;
    private final CardFeedback feedback;

    CdsHooksController(
            CdsClientTokens tokens,
            PatientViewService service,
            CdsProperties properties,
            ObjectMapper json,
            FhirContext fhirContext,
            java.time.Clock clock,
            CardFeedback feedback) {
        this.feedback = feedback;
        this.tokens = tokens;
        this.service = service;
        this.properties = properties;
        this.json = json;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    @GetMapping(path = SERVICES, produces = MediaType.APPLICATION_JSON_VALUE)
    @PermitAll
    Map<String, Object> discovery() {
        Map<String, Object> patientView = new LinkedHashMap<>();
        patientView.put("hook", PatientViewRequest.HOOK);
        patientView.put("id", PATIENT_VIEW);
        patientView.put("title", "Referral program");
        patientView.put(
                "description",
                "Who referred this patient, whether they are an advocate, what consent is on file, and whether a"
                        + " referral waits for review");
        patientView.put("prefetch", Map.of(PatientViewRequest.PREFETCH_KEY, "Patient/{{context.patientId}}"));
        patientView.put(
                "usageRequirements",
                "Register the EHR as a trusted CDS client (referralbridge.cds.clients) with its JWK Set.");
        return Map.of("services", List.of(patientView));
    }

    @PostMapping(path = SERVICES + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PermitAll
    Map<String, Object> call(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        String audience = audience(id, request);
        CdsClientTokens.TrustedClient client = tokens.authenticate(authorization, audience);
        if (!PATIENT_VIEW.equals(id)) {
            throw new UnknownCdsService();
        }
        JsonNode tree = body(body);
        PatientViewRequest hook = PatientViewRequest.read(tree, fhirContext);
        PatientViewFacts facts = service.facts(hook, client);
        List<Card> cards = new PatientViewCards(staffLinks(audience), clock.getZone()).cards(facts);
        log.info(
                "CDS patient-view for Patient/{} from {}: {} cards (hookInstance {})",
                hook.patientId(),
                client.issuer(),
                cards.size(),
                hook.hookInstance());
        return Map.of("cards", cards);
    }

    /**
     * The CDS client's feedback on our cards (CDS Hooks "Feedback"), from a client whose JWT we trust (its {@code
     * aud} is this feedback address); counted by outcome. 200 with no body.
     */
    @PostMapping(path = SERVICES + "/{id}/feedback")
    @PermitAll
    ResponseEntity<Void> feedback(
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        CdsClientTokens.TrustedClient client = tokens.authenticate(authorization, audience(id, request) + "/feedback");
        if (!PATIENT_VIEW.equals(id)) {
            throw new UnknownCdsService();
        }
        feedback.record(CardFeedback.read(body(body)), client.issuer());
        return ResponseEntity.ok().build();
    }

    /** The request body as JSON: present, at most 1 MiB, well-formed and without duplicate keys. */
    private JsonNode body(byte[] body) {
        if (body == null || body.length == 0) {
            throw new CdsRequestInvalid("the body is empty: a CDS Hooks request is a JSON object");
        }
        if (body.length > BODY_LIMIT) {
            throw new CdsRequestInvalid("the body is larger than 1 MiB");
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new CdsRequestInvalid("the body is not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new CdsRequestInvalid("the body is not JSON"
                    + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                            ? ": " + e.getOriginalMessage().replaceAll("\\s+", " ")
                            : ""));
        } catch (java.io.IOException e) {
            throw new CdsRequestInvalid("the body could not be read");
        }
    }

    private String audience(String id, HttpServletRequest request) {
        if (properties.serviceUrl() != null && !properties.serviceUrl().isBlank()) {
            return properties.serviceUrl().strip().replaceAll("/+$", "") + "/" + id;
        }
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path(SERVICES + "/" + id)
                .build()
                .toUriString();
    }

    private PatientViewCards.StaffLinks staffLinks(String audience) {
        String staff = properties.staffAppUrl();
        if (staff == null || staff.isBlank()) {
            java.net.URI uri = java.net.URI.create(audience);
            staff = uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return new PatientViewCards.StaffLinks(staff.strip().replaceAll("/+$", ""), properties.smartLaunchUrl());
    }

    @ExceptionHandler(CdsClientRejected.class)
    ResponseEntity<ProblemDetail> rejected(CdsClientRejected e) {
        log.warn("CDS call refused: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "RB-2401", "CDS client not trusted", e.getMessage()));
    }

    @ExceptionHandler(CdsRequestInvalid.class)
    ResponseEntity<ProblemDetail> invalid(CdsRequestInvalid e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "RB-2402", "Unusable CDS Hooks request", e.getMessage()));
    }

    @ExceptionHandler(UnknownCdsService.class)
    ResponseEntity<ProblemDetail> unknown(UnknownCdsService e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        HttpStatus.NOT_FOUND,
                        "RB-2403",
                        "No such CDS service",
                        "this server offers the CDS service " + PATIENT_VIEW + " only (see GET " + SERVICES + ")"));
    }

    /** A call to a service id discovery does not list. */
    static final class UnknownCdsService extends RuntimeException {
        UnknownCdsService() {
            super("unknown CDS service");
        }
    }
}
