package org.referralbridge.server.messages;

import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A program admin sends a program update to the patients listed; each still needs its channel consent. */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int MAX_TEXT = 4000;
    private static final int MAX_PATIENTS = 1000;

    private final MessageRequests requests;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    MessageController(MessageRequests requests, TransactionTemplate transactions, MessagesProperties properties) {
        this.requests = requests;
        this.transactions = transactions;
        this.enabled = properties.enabled();
    }

    /**
     * @param updateId the update's id, to send it again safely (each patient gets it once); a new one when absent
     * @param text the update, as the program admin wrote it: program news only, no patient's details
     */
    record ProgramUpdate(UUID updateId, String text, List<String> patientIds) {}

    /** 202 with the update's id and how many messages were queued; 400 {@code RB-1802}; 409 {@code RB-1803}. */
    @PostMapping("/program-update")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    ResponseEntity<?> programUpdate(@RequestBody ProgramUpdate body) {
        if (!enabled) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Problems.of(
                            HttpStatus.CONFLICT,
                            "RB-1803",
                            "Program messages are off",
                            "set referralbridge.messages.enabled (and the sender's settings) to send program updates"));
        }
        List<String> problems = new ArrayList<>();
        if (body.text() == null || body.text().isBlank() || body.text().length() > MAX_TEXT) {
            problems.add("text: 1 to " + MAX_TEXT + " characters");
        }
        List<String> patients = body.patientIds() == null ? List.of() : body.patientIds();
        if (patients.isEmpty() || patients.size() > MAX_PATIENTS) {
            problems.add("patientIds: 1 to " + MAX_PATIENTS + " Patient ids");
        } else if (!patients.stream()
                .allMatch(id -> id != null && PATIENT_ID.matcher(id).matches())) {
            problems.add("patientIds: each a FHIR id");
        }
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            HttpStatus.BAD_REQUEST, "RB-1802", "Invalid program update", String.join("; ", problems)));
        }
        UUID updateId = body.updateId() != null ? body.updateId() : UUID.randomUUID();
        Integer queued = transactions.execute(status -> requests.programUpdate(updateId, body.text(), patients));
        return ResponseEntity.accepted().body(Map.of("updateId", updateId, "queued", queued));
    }
}
