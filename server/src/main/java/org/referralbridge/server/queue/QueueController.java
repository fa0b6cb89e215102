package org.referralbridge.server.queue;

import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the durable queues: depth, age, dead letters, and replaying them once the cause is fixed. */
@RestController
@RequestMapping("/api/queues")
class QueueController {

    private final List<WorkQueue> queues;
    private final QueueOperations operations;

    QueueController(List<WorkQueue> queues, QueueOperations operations) {
        this.queues = queues;
        this.operations = operations;
    }

    @GetMapping
    @RolesAllowed({Roles.CLINIC_IT, Roles.AUDITOR})
    List<QueueStats> queues() {
        return queues.stream().map(WorkQueue::stats).toList();
    }

    @GetMapping("/{queue}/dead-letters")
    @RolesAllowed({Roles.CLINIC_IT, Roles.AUDITOR})
    List<DeadLetter> deadLetters(@PathVariable String queue, @RequestParam(defaultValue = "100") int limit) {
        return named(queue).deadLetters(Math.min(Math.max(limit, 1), 1000)).stream()
                .map(DeadLetter::of)
                .toList();
    }

    @PostMapping("/{queue}/dead-letters/{id}/replay")
    @RolesAllowed(Roles.CLINIC_IT)
    Map<String, Object> replay(@PathVariable String queue, @PathVariable long id) {
        // the staff pages replay through the same method: one audit record either way
        boolean replayed = operations.replay(named(queue), id);
        if (!replayed) {
            throw new NotADeadLetter(queue, id);
        }
        return Map.of("queue", queue, "id", id, "replayed", true);
    }

    @ExceptionHandler
    ProblemDetail unknownQueue(UnknownQueue e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1301", "Unknown queue", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notADeadLetter(NotADeadLetter e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-1302", "Not a dead letter", e.getMessage());
    }

    private WorkQueue named(String name) {
        return queues.stream()
                .filter(queue -> queue.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UnknownQueue(
                        name, queues.stream().map(WorkQueue::name).toList()));
    }

    /** A dead letter as operators see it: what it was about and why it died (no PHI is ever stored). */
    record DeadLetter(long id, String kind, String subject, int attempts, Instant createdAt, String lastError) {

        static DeadLetter of(WorkItem item) {
            return new DeadLetter(
                    item.id(), item.kind(), item.subject(), item.attempts(), item.createdAt(), item.lastError());
        }
    }

    static class UnknownQueue extends RuntimeException {

        /** Quoted back only when it looks like a queue name: anything else may be markup or data. */
        private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9_-]{1,40}");

        UnknownQueue(String name, List<String> known) {
            super("no queue named " + (QUEUE_NAME.matcher(name).matches() ? name : "so") + "; queues: "
                    + String.join(", ", known));
        }
    }

    static class NotADeadLetter extends RuntimeException {

        NotADeadLetter(String queue, long id) {
            super(queue + " item " + id + " is not a dead letter (it may be pending, done, or not exist)");
        }
    }
}
