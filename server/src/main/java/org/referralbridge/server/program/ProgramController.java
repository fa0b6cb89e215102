package org.referralbridge.server.program;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Program managers define referral programs; front desk and auditors read them. */
@RestController
@RequestMapping("/api/programs")
class ProgramController {

    private final ProgramCatalog catalog;
    private final ApplicationEventPublisher events;

    ProgramController(ProgramCatalog catalog, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.events = events;
    }

    /** 201 with the stored program; 400 {@code RB-1501} naming every problem; 409 {@code RB-1502}. */
    @PostMapping
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<ProgramView> create(@RequestBody JsonNode document, Principal caller) {
        ProgramView created = audited(() -> catalog.create(document, caller.getName()), keyOf(document));
        return ResponseEntity.created(
                        URI.create("/api/programs/" + created.program().key()))
                .body(created);
    }

    @PutMapping("/{key}")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ProgramView replace(@PathVariable String key, @RequestBody JsonNode document, Principal caller) {
        return audited(() -> catalog.replace(key, document, caller.getName()), key);
    }

    @GetMapping
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK, Roles.AUDITOR})
    List<ProgramView> all() {
        return catalog.all();
    }

    @GetMapping("/{key}")
    @RolesAllowed({Roles.PROGRAM_ADMIN, Roles.FRONT_DESK, Roles.AUDITOR})
    ProgramView one(@PathVariable String key) {
        return catalog.program(key).orElseThrow(() -> new ProgramNotFound(key));
    }

    private ProgramView audited(java.util.function.Supplier<ProgramView> change, String key) {
        String id = "program/" + (key == null || key.length() > 64 ? "?" : key);
        try {
            ProgramView done = change.get();
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.PROGRAM_CHANGED, "program/" + done.program().key()));
            return done;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(AuditAction.PROGRAM_CHANGED, id));
            throw refused;
        }
    }

    private static String keyOf(JsonNode document) {
        JsonNode key = document == null ? null : document.get("key");
        return key == null || !key.isTextual() ? null : key.asText();
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidProgram e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "RB-1501",
                "Invalid program",
                "the program has " + e.problems().size() + " problem(s); each is listed in 'errors'");
        problem.setProperty(
                "errors",
                e.problems().stream()
                        .map(p -> new FieldProblem(p.field(), p.message()))
                        .toList());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(ProgramConflict e) {
        return Problems.of(HttpStatus.CONFLICT, "RB-1502", "Program conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(ProgramNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1503", "Program not found", e.getMessage());
    }

    record FieldProblem(String field, String message) {}
}
