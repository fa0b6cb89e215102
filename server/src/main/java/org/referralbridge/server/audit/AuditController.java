package org.referralbridge.server.audit;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for auditors, newest first, filtered by actor, action, resource id, time ({@code from} inclusive,
 * {@code to} exclusive, ISO-8601 instants) and outcome ({@code success}, {@code failure}); paged by {@code page} and
 * {@code size} (1 to {@value AuditQuery#MAX_PAGE_SIZE}). As JSON rows, or as a FHIR searchset Bundle of AuditEvents.
 */
@RestController
@RequestMapping("/api/audit")
@RolesAllowed(Roles.AUDITOR)
class AuditController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final AuditEntries entries;
    private final FhirAuditEvents fhir;

    AuditController(AuditEntries entries, FhirAuditEvents fhir) {
        this.entries = entries;
        this.fhir = fhir;
    }

    @GetMapping
    AuditPage entries(AuditQuery query) {
        Page<AuditEntryView> found = search(query.filter());
        return new AuditPage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    @GetMapping("/fhir")
    ResponseEntity<String> auditEvents(AuditQuery query) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(fhir.bundle(search(query.filter())));
    }

    private Page<AuditEntryView> search(AuditQuery.Filter filter) {
        return entries.search(
                        filter.actor(),
                        filter.action(),
                        filter.resourceId(),
                        filter.from(),
                        filter.to(),
                        filter.succeeded(),
                        filter.page())
                .map(AuditEntryView::of);
    }

    record AuditPage(List<AuditEntryView> items, int page, int size, long total) {}
}
