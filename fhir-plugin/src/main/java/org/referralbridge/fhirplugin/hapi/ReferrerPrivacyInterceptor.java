package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides the referrer of a referred Patient from patient-facing reads and searches, unless the referrer allowed it;
 * clinician and system access see everything. Which requests are patient-facing is set by {@link
 * ReferrerPrivacySettings} ({@link PatientFacingRule}); what is hidden, and when, by {@link ReferrerRedaction} and the
 * {@link ReferrerDisclosure} it is given. The stored resource never changes: the response carries a redacted copy.
 * Each decision in a patient-facing response goes to the {@link DisclosureAudit}, with the requester (the Bearer
 * token's {@code sub}, else its {@code client_id}, else {@value DisclosureDecision#ANONYMOUS}) and the caller's
 * address; clinician and system access make no disclosure decisions, so they are not reported.
 *
 * <p>It hooks {@link Pointcut#STORAGE_PRESHOW_RESOURCES}, not {@code SERVER_OUTGOING_RESPONSE}: a JPA server fires
 * it for every resource it is about to return, one by one, whatever the operation (read, vread, search with its
 * {@code _include}s and {@code _revinclude}s and every later page, history, {@code $everything}, a create's returned
 * representation), and it fires it on the server's global interceptor service, with which the plugin registers.
 * {@code SERVER_OUTGOING_RESPONSE} is fired only by the REST server's own interceptor service, and hands over the
 * finished response, so the interceptor would have to open Bundles (and Bundles in Parameters) itself.
 *
 * <p>Logs name resource types and ids only.
 */
@Interceptor
public final class ReferrerPrivacyInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReferrerPrivacyInterceptor.class);

    private final PatientFacingRule patientFacing;
    private final ReferrerDisclosure disclosure;
    private final DisclosureAudit audit;
    private final Clock clock;

    public ReferrerPrivacyInterceptor(
            ReferrerPrivacySettings settings, ReferrerDisclosure disclosure, DisclosureAudit audit) {
        this(settings, disclosure, audit, Clock.systemUTC());
    }

    ReferrerPrivacyInterceptor(
            ReferrerPrivacySettings settings, ReferrerDisclosure disclosure, DisclosureAudit audit, Clock clock) {
        this.patientFacing = new PatientFacingRule(Objects.requireNonNull(settings, "settings"));
        this.disclosure = Objects.requireNonNull(disclosure, "disclosure");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    void beforeShow(IPreResourceShowDetails shown, RequestDetails request) {
        if (request == null || !patientFacing.isPatientFacing(view(request))) {
            return;
        }
        ReferrerRedaction redaction = new ReferrerRedaction(disclosure, audit, caller(request));
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            int index = i;
            redaction.redacted(resource).ifPresent(copy -> {
                shown.setResource(index, copy);
                log.debug(
                        "Referrer hidden from a patient-facing response: {}",
                        resource.getIdElement().toUnqualifiedVersionless().getValue());
            });
        }
    }

    private ReferrerRedaction.Caller caller(RequestDetails request) {
        String address = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                ? servlet.getServletRequest().getRemoteAddr()
                : null;
        return new ReferrerRedaction.Caller(requester(request.getHeader("Authorization")), address, clock.instant());
    }

    /** The token's {@code sub}, else its {@code client_id}: ids, never a name claim. */
    static String requester(String authorization) {
        return BearerClaims.of(authorization)
                .flatMap(claims -> Stream.of("sub", "client_id")
                        .map(claims::get)
                        .filter(claim -> claim != null
                                && claim.isTextual()
                                && !claim.asText().isBlank())
                        .map(claim -> claim.asText().strip())
                        .findFirst())
                .orElse(DisclosureDecision.ANONYMOUS);
    }

    private static PatientFacingRule.RequestView view(RequestDetails request) {
        return new PatientFacingRule.RequestView() {
            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public String path() {
                return pathOf(request.getCompleteUrl());
            }
        };
    }

    private static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getRawPath();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
