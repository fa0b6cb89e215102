package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import org.referralbridge.server.queue.DeadLetterPage;
import org.referralbridge.server.queue.DeadLetterRow;
import org.referralbridge.server.queue.QueueOperations;
import org.referralbridge.server.queue.QueueStats;
import org.referralbridge.server.web.Roles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The durable queues: how much waits and how much died in each, the dead letters, and replaying one. */
@Controller
class ClinicItQueuePages {

    static final int PAGE_SIZE = 20;

    /** What each queue carries, in words; a queue not named here is shown by its name alone. */
    private static final Map<String, String> PURPOSES = Map.of(
            "inbox", "Changes the EHR told us about (notifications and catch-up), waiting to be read",
            "outbox", "Changes we write back to the EHR (referral extensions, Provenance, rewards, consents)",
            "message_outbox", "Program messages to patients (e-mail, and Communications in the EHR)");

    private final QueueOperations queues;

    ClinicItQueuePages(QueueOperations queues) {
        this.queues = queues;
    }

    @GetMapping(path = "/it/queues", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String queues(Model model) {
        model.addAttribute("queues", queues.stats().stream().map(QueueRow::of).toList());
        return "staff/it/queues";
    }

    @GetMapping(path = "/it/queues/{queue}/dead", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String deadLetters(
            @PathVariable String queue,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        DeadLetterPage found = queues.deadLetters(queue, q, page, PAGE_SIZE);
        model.addAttribute("queue", found.queue());
        model.addAttribute("purpose", PURPOSES.get(found.queue()));
        model.addAttribute("q", found.search());
        model.addAttribute("page", found);
        model.addAttribute("letters", found.items().stream().map(LetterRow::of).toList());
        return "staff/it/dead-letters";
    }

    @PostMapping(path = "/it/queues/{queue}/dead/{id}/replay")
    @RolesAllowed(Roles.CLINIC_IT)
    String replay(
            @PathVariable String queue,
            @PathVariable long id,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        if (queues.replay(queue, id)) {
            redirect.addFlashAttribute(
                    "notice",
                    "Dead letter " + id + " is back on the " + queue + " queue with fresh attempts; a worker picks"
                            + " it up shortly.");
        } else {
            redirect.addFlashAttribute(
                    "problem",
                    "Item " + id + " of the " + queue + " queue is not a dead letter (any more): it may have been"
                            + " replayed already. Nothing was changed.");
        }
        if (q != null && !q.isBlank()) {
            redirect.addAttribute("q", q);
        }
        if (page > 0) {
            redirect.addAttribute("page", page);
        }
        return "redirect:/it/queues/{queue}/dead";
    }

    /** A queue's numbers as the page writes them. */
    record QueueRow(String name, String purpose, long pending, String oldestWaiting, long dead) {

        static QueueRow of(QueueStats stats) {
            return new QueueRow(
                    stats.queue(),
                    PURPOSES.getOrDefault(stats.queue(), ""),
                    stats.pending(),
                    stats.pending() == 0 ? "nothing waiting" : ClinicItFormats.duration(stats.oldestPendingAge()),
                    stats.dead());
        }
    }

    /** A dead letter as the page writes it. */
    record LetterRow(
            long id, String kind, String subject, int attempts, String createdAt, String failedAt, String lastError) {

        static LetterRow of(DeadLetterRow row) {
            return new LetterRow(
                    row.id(),
                    row.kind(),
                    row.subject(),
                    row.attempts(),
                    ClinicItFormats.time(row.createdAt()),
                    ClinicItFormats.time(row.failedAt()),
                    row.lastError() == null ? "—" : row.lastError());
        }
    }
}
