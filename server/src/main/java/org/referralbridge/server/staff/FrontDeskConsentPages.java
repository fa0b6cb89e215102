package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.consent.ConsentChecks;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentNotFound;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentView;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A patient's consents: those in force (each can be revoked), the past ones, and a form to record a new one, checked
 * by {@link ConsentChecks} as the API checks it (an SMS opt-in needs the written opt-in on file) and recorded through
 * {@link ConsentState}, which writes it to the EHR; audited as {@code consent.recorded} and {@code consent.revoked}.
 */
@Controller
class FrontDeskConsentPages {

    static final int HISTORY_PAGE_SIZE = 20;

    /** The three kinds in plain words, in the form's order. */
    static final Map<String, String> KINDS = ordered(
            ConsentKind.REFERRAL_DISCLOSURE.code(), "Tell the referrer that they became our patient",
            ConsentKind.REFERRER_RECOGNITION.code(), "Name them publicly as an advocate",
            ConsentKind.PROGRAM_MESSAGES.code(), "Program messages by email or text message (SMS)");

    static final Map<String, String> RECOGNITION_CHANNELS = ordered(
            ReferrerRecognitionConsent.NEWSLETTER, "Newsletter",
            ReferrerRecognitionConsent.SOCIAL_MEDIA, "Social media",
            ReferrerRecognitionConsent.OFFICE_DISPLAY, "Office display");

    static final Map<String, String> MESSAGE_CHANNELS =
            ordered(ProgramMessagesConsent.EMAIL, "Email", ProgramMessagesConsent.SMS, "Text message (SMS)");

    private final ConsentState consents;
    private final ReferralLookup referrals;
    private final EhrPatients ehrPatients;
    private final ApplicationEventPublisher events;

    FrontDeskConsentPages(
            ConsentState consents,
            ReferralLookup referrals,
            EhrPatients ehrPatients,
            ApplicationEventPublisher events) {
        this.consents = consents;
        this.referrals = referrals;
        this.ehrPatients = ehrPatients;
        this.events = events;
    }

    @GetMapping(path = "/front-desk/consents", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String consents(
            @RequestParam(required = false) String patient,
            @RequestParam(defaultValue = "0") int history,
            Model model) {
        String id = patient == null || patient.isBlank() ? null : ConsentChecks.strip(patient);
        Form form = new Form(id, null, "permit", referrerOf(id), List.of(), null, false, null);
        return page(id, form, Map.of(), Math.max(history, 0), model);
    }

    @PostMapping(path = "/front-desk/consents", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String record(
            @RequestParam(required = false) String patientId,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String actorPatientId,
            @RequestParam(required = false) List<String> recognitionChannels,
            @RequestParam(required = false) String messageChannel,
            @RequestParam(defaultValue = "false") boolean writtenRecord,
            @RequestParam(required = false) String consentedOn,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        String patient = patientId == null || patientId.isBlank() ? null : ConsentChecks.strip(patientId);
        Form form = new Form(
                patient,
                kind,
                decision,
                actorPatientId,
                recognitionChannels == null ? List.of() : recognitionChannels,
                messageChannel,
                writtenRecord,
                consentedOn);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant consentedAt = null;
        if (consentedOn != null && !consentedOn.isBlank()) {
            try {
                LocalDate day = LocalDate.parse(consentedOn.strip());
                if (day.isAfter(LocalDate.now(ZoneOffset.UTC))) {
                    errors.put("consentedOn", "The day they consented cannot be in the future.");
                } else {
                    consentedAt = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                errors.put("consentedOn", "Give the day as a date, e.g. 2026-03-01.");
            }
        }
        ConsentChecks.Checked checked = ConsentChecks.check(new ConsentChecks.Request(
                kind, patient, blankToNull(actorPatientId), channels(form), decision, writtenRecord, consentedAt));
        checked.problems().forEach(problem -> errors.putIfAbsent(problem.field(), plainWords(problem, kind)));
        if (!errors.isEmpty()) {
            if (errors.containsKey("patientId")) {
                redirect.addFlashAttribute("problem", "Choose the patient first: that is not an EHR patient id.");
                return "redirect:/front-desk/consents";
            }
            model.addAttribute("problem", "The consent was not recorded: see the fields marked below.");
            return page(patient, form, errors, 0, model);
        }
        audited(
                AuditAction.CONSENT_RECORDED,
                "Patient/" + patient,
                () -> consents.record(checked.statement(), caller.getName()));
        redirect.addFlashAttribute(
                "notice",
                "Consent recorded: " + KINDS.get(kind) + ", " + ("permit".equals(decision) ? "agrees" : "refuses")
                        + ". It is written to the EHR too.");
        redirect.addAttribute("patient", patient);
        return "redirect:/front-desk/consents";
    }

    @PostMapping(path = "/front-desk/consents/{statementId}/revoke", produces = "text/html")
    @RolesAllowed(Roles.FRONT_DESK)
    String revoke(
            @PathVariable String statementId,
            @RequestParam(required = false) String patientId,
            Principal caller,
            RedirectAttributes redirect) {
        UUID id = uuid(statementId);
        String patient = ConsentChecks.isPatientId(patientId) ? ConsentChecks.strip(patientId) : null;
        if (id == null) {
            redirect.addFlashAttribute("problem", "There is no such consent; nothing changed.");
        } else {
            try {
                List<ConsentView> revoked = audited(
                        AuditAction.CONSENT_REVOKED, "consent/" + id, () -> consents.revoke(id, caller.getName()));
                patient = revoked.isEmpty() ? patient : revoked.get(0).patientId();
                redirect.addFlashAttribute(
                        "notice", "Consent revoked: the program no longer acts on it. The EHR's copy is updated too.");
            } catch (ConsentNotFound gone) {
                redirect.addFlashAttribute(
                        "problem", "That consent was already revoked or replaced, so nothing changed.");
            }
        }
        if (patient != null) {
            redirect.addAttribute("patient", patient);
        }
        return "redirect:/front-desk/consents";
    }

    private String page(String patient, Form form, Map<String, String> errors, int historyPage, Model model) {
        model.addAttribute("patient", patient);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("recognitionChannels", RECOGNITION_CHANNELS);
        model.addAttribute("messageChannels", MESSAGE_CHANNELS);
        if (patient == null || !ConsentChecks.isPatientId(patient)) {
            if (patient != null) {
                model.addAttribute(
                        "problem",
                        "That is not an EHR patient id: it has letters, digits, hyphens and dots" + " only.");
            }
            model.addAttribute("patient", null);
            return "staff/front-desk/consents";
        }
        model.addAttribute("summary", ehrPatients.summary(patient).orElse(null));
        List<ConsentView> rows = consents.of(patient);
        Map<UUID, List<ConsentView>> current = rows.stream()
                .filter(row -> row.supersededAt() == null)
                .collect(Collectors.groupingBy(ConsentView::statementId, LinkedHashMap::new, Collectors.toList()));
        List<Statement> inForce = new ArrayList<>();
        current.forEach((statementId, statementRows) -> inForce.add(statement(statementRows)));
        List<ConsentView> past = rows.stream()
                .filter(row -> row.supersededAt() != null)
                .sorted(Comparator.comparing(ConsentView::recordedAt).reversed())
                .toList();
        int pages = Math.max(1, (past.size() + HISTORY_PAGE_SIZE - 1) / HISTORY_PAGE_SIZE);
        int shown = Math.min(historyPage, pages - 1);
        model.addAttribute("current", inForce);
        model.addAttribute(
                "history",
                past.subList(shown * HISTORY_PAGE_SIZE, Math.min(past.size(), (shown + 1) * HISTORY_PAGE_SIZE)).stream()
                        .map(FrontDeskConsentPages::pastRow)
                        .toList());
        model.addAttribute("historyPage", shown);
        model.addAttribute("historyPages", pages);
        return "staff/front-desk/consents";
    }

    private static Statement statement(List<ConsentView> rows) {
        ConsentView first = rows.get(0);
        return new Statement(
                first.statementId(),
                KINDS.getOrDefault(first.kind(), first.kind()),
                "permit".equals(first.decision()) ? "Agrees" : "Refuses",
                channelsOf(rows),
                first.actorPatientId(),
                statusLabel(first.status()),
                "active".equals(first.status()),
                rows.stream().anyMatch(ConsentView::permits),
                first.writtenRecord(),
                first.recordedAt(),
                "ehr".equals(first.source()) ? "the EHR" : first.recordedBy());
    }

    private static PastRow pastRow(ConsentView row) {
        return new PastRow(
                KINDS.getOrDefault(row.kind(), row.kind()),
                "permit".equals(row.decision()) ? "Agrees" : "Refuses",
                channelsOf(List.of(row)),
                row.actorPatientId(),
                statusLabel(row.status()),
                row.recordedAt(),
                "ehr".equals(row.source()) ? "the EHR" : row.recordedBy(),
                row.supersededAt());
    }

    private static String channelsOf(List<ConsentView> rows) {
        String channels = rows.stream()
                .map(ConsentView::channel)
                .filter(channel -> channel != null && !channel.isBlank())
                .map(channel ->
                        RECOGNITION_CHANNELS.getOrDefault(channel, MESSAGE_CHANNELS.getOrDefault(channel, channel)))
                .sorted()
                .collect(Collectors.joining(", "));
        return channels.isEmpty() ? null : channels;
    }

    private static String statusLabel(String status) {
        if (status == null) {
            return null;
        }
        switch (status) {
            case "active":
                return "In force";
            case "inactive":
                return "Revoked";
            case "rejected":
                return "Rejected";
            case "proposed":
                return "Proposed, not in force yet";
            default:
                return status;
        }
    }

    /** The channels the form's kind uses: the recognition boxes, the one message channel, or none. */
    private static List<String> channels(Form form) {
        if (ConsentKind.REFERRER_RECOGNITION.code().equals(form.kind())) {
            return form.recognitionChannels();
        }
        if (ConsentKind.PROGRAM_MESSAGES.code().equals(form.kind())) {
            return form.messageChannel() == null || form.messageChannel().isBlank()
                    ? List.of()
                    : List.of(form.messageChannel());
        }
        return List.of();
    }

    /** A problem of the shared checks, said for the form's fields. */
    private static String plainWords(ConsentChecks.Problem problem, String kind) {
        switch (problem.field()) {
            case "kind":
                return "Choose what the patient agrees to, or refuses.";
            case "decision":
                return "Say whether they agree or refuse.";
            case "actorPatientId":
                return "Give the EHR patient id of the referrer they let us tell.";
            case "channels":
                return ConsentKind.PROGRAM_MESSAGES.code().equals(kind)
                        ? "Choose one way to send program messages: email or text message (SMS)."
                        : "Tick at least one place where they may be named.";
            case "writtenRecord":
                return "A text-message (SMS) opt-in needs their signed, written opt-in on file: tick the box once you"
                        + " have it.";
            default:
                return problem.message();
        }
    }

    private String referrerOf(String patient) {
        if (patient == null || !ConsentChecks.isPatientId(patient)) {
            return null;
        }
        return referrals
                .referralOf(patient)
                .map(referral -> referral.referrerReference())
                .map(reference -> reference.replaceFirst("^Patient/", ""))
                .orElse(null);
    }

    private <T> T audited(AuditAction action, String resource, Supplier<T> change) {
        try {
            T changed = change.get();
            events.publishEvent(ChangeMade.succeeded(action, resource));
            return changed;
        } catch (RuntimeException refused) {
            events.publishEvent(ChangeMade.failed(action, resource));
            throw refused;
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Keys and labels, in this order. */
    private static Map<String, String> ordered(String... keysAndLabels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndLabels.length; i += 2) {
            map.put(keysAndLabels[i], keysAndLabels[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** What the form holds, to show it again with its errors. */
    record Form(
            String patientId,
            String kind,
            String decision,
            String actorPatientId,
            List<String> recognitionChannels,
            String messageChannel,
            boolean writtenRecord,
            String consentedOn) {}

    /** A statement in force (one or more rows, one per channel), in plain words. */
    record Statement(
            UUID statementId,
            String kind,
            String decision,
            String channels,
            String referrer,
            String status,
            boolean revocable,
            boolean permits,
            boolean writtenRecord,
            Instant recordedAt,
            String recordedBy) {}

    /** A row a later statement replaced. */
    record PastRow(
            String kind,
            String decision,
            String channels,
            String referrer,
            String status,
            Instant recordedAt,
            String recordedBy,
            Instant supersededAt) {}
}
