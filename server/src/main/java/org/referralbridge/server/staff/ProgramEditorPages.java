package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.program.InvalidProgram;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramConflict;
import org.referralbridge.server.program.ProgramDrafts;
import org.referralbridge.server.program.ProgramProblem;
import org.referralbridge.server.program.ProgramView;
import org.referralbridge.server.staff.ProgramEditorConsequences.Consequences;
import org.referralbridge.server.staff.ProgramEditorForm.Draft;
import org.referralbridge.server.staff.ProgramEditorForm.FieldProblem;
import org.referralbridge.server.web.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The program editor: a new program, or one defined here changed. One form for the whole program document; its
 * buttons add and remove rule, item and tier rows (the form comes back with them, nothing typed is lost), Check runs
 * the program check and shows every problem next to its field, or, when there are none, what compliance makes of
 * each reward item for representative referrers. Save stores the program only when those consequences are the ones
 * the user was shown; otherwise it shows them (again) first.
 */
@Controller
class ProgramEditorPages {

    private static final Pattern ROW_ACTION = Pattern.compile("(add|remove)-(rule|item|tier)(?:-(\\d+))?(?:-(\\d+))?");
    private static final Pattern IN_ITEM = Pattern.compile("rewards\\[(\\d+)]\\.items\\[(\\d+)]\\.(.+)");
    private static final Pattern IN_RULE = Pattern.compile("rewards\\[(\\d+)]\\.(.+)");
    private static final Pattern IN_TIER = Pattern.compile("tiers\\[(\\d+)]\\.(.+)");
    private static final Pattern LIST_ENTRY = Pattern.compile(
            "(.*(?:excludedPatients|excludedIdentifiers|serviceLines" + "|classCodes|charities))\\[\\d+]");
    private static final int MOST_ROWS = 50;
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("key", "Key"),
            Map.entry("name", "Name"),
            Map.entry("description", "Description"),
            Map.entry("start", "First day"),
            Map.entry("end", "Last day"),
            Map.entry("isDefault", "Default program"),
            Map.entry("rewards", "Reward rules"),
            Map.entry("items", "Items"),
            Map.entry("id", "Id"),
            Map.entry("kind", "Kind"),
            Map.entry("retailValue", "Retail value (USD)"),
            Map.entry("charities", "Charities"),
            Map.entry("threshold", "Successful referrals"),
            Map.entry("period", "Period"),
            Map.entry("item", "Item"),
            Map.entry("eligibility.excludedPatients", "Excluded patients"),
            Map.entry("eligibility.excludedIdentifiers", "Excluded identifiers"),
            Map.entry("success.withinDays", "Success within days"),
            Map.entry("success.classCodes", "Encounter classes"),
            Map.entry("success.serviceLines", "Qualifying service lines"),
            Map.entry("holdDays", "Hold days"),
            Map.entry("manualApproval", "Manual approval"),
            Map.entry("limits.maxRewards", "Most rewards per referrer"),
            Map.entry("limits.period", "Limit period"),
            Map.entry("serviceLines", "Service lines"),
            Map.entry("talkingPoints", "Talking points"));

    private final ProgramCatalog catalog;
    private final ProgramDrafts drafts;
    private final ProgramEditorConsequences consequences;
    private final ApplicationEventPublisher events;

    ProgramEditorPages(
            ProgramCatalog catalog,
            ProgramDrafts drafts,
            ProgramEditorConsequences consequences,
            ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.drafts = drafts;
        this.consequences = consequences;
        this.events = events;
    }

    @GetMapping(path = "/program/programs/new", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String newProgram(Model model) {
        return editor(model, ProgramEditorForm.blank(), null, List.of());
    }

    @PostMapping(path = "/program/programs/new")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String submitNew(
            @ModelAttribute("form") ProgramEditorForm form,
            @RequestParam(defaultValue = "check") String action,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        return submit(form, null, action, caller, model, redirect);
    }

    @GetMapping(path = "/program/programs/{key}", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String program(@PathVariable String key, Model model) {
        ProgramView existing = existing(key);
        return editor(model, ProgramEditorForm.of(existing.program()), existing, List.of());
    }

    @PostMapping(path = "/program/programs/{key}")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String submitChange(
            @PathVariable String key,
            @ModelAttribute("form") ProgramEditorForm form,
            @RequestParam(defaultValue = "check") String action,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        ProgramView existing = existing(key);
        form.setKey(existing.program().key());
        return submit(form, existing, action, caller, model, redirect);
    }

    private String submit(
            ProgramEditorForm form,
            ProgramView existing,
            String action,
            Principal caller,
            Model model,
            RedirectAttributes redirect) {
        if (changeRows(form, action)) {
            form.setChecked(null);
            return editor(model, form, existing, List.of());
        }
        Draft draft = form.draft();
        ProgramDrafts.Checked checked = drafts.check(draft.document());
        List<FieldProblem> problems = problems(draft, checked);
        if (!problems.isEmpty()) {
            form.setChecked(null);
            return editor(model, form, existing, problems);
        }
        Consequences shown = consequences.of(checked.program().orElseThrow());
        model.addAttribute("consequences", shown);
        boolean seen = shown.fingerprint().equals(form.getChecked());
        form.setChecked(shown.fingerprint());
        if (!"save".equals(action) || !seen) {
            if ("save".equals(action)) {
                model.addAttribute(
                        "recheck",
                        "Not saved yet: the compliance consequences below are new or changed since you last checked."
                                + " Read them, then save.");
            }
            return editor(model, form, existing, List.of());
        }
        String key = checked.program().orElseThrow().key();
        try {
            ProgramView saved = existing == null
                    ? catalog.create(draft.document(), caller.getName())
                    : catalog.replace(key, draft.document(), caller.getName());
            events.publishEvent(ChangeMade.succeeded(
                    AuditAction.PROGRAM_CHANGED, "program/" + saved.program().key()));
            redirect.addFlashAttribute(
                    "notice",
                    (existing == null ? "Program " + key + " created" : "Program " + key + " saved")
                            + ". Referrals under it are rewarded as checked.");
            return "redirect:/program/programs/" + saved.program().key();
        } catch (ProgramConflict conflict) {
            events.publishEvent(ChangeMade.failed(AuditAction.PROGRAM_CHANGED, "program/" + key));
            model.addAttribute("problem", "Not saved: " + conflict.getMessage() + ".");
            return editor(model, form, existing, List.of());
        } catch (InvalidProgram invalid) {
            events.publishEvent(ChangeMade.failed(AuditAction.PROGRAM_CHANGED, "program/" + key));
            form.setChecked(null);
            model.addAttribute("consequences", null);
            return editor(model, form, existing, fieldProblems(invalid.problems()));
        }
    }

    /** Adds or removes a row when the action asks for it ({@code add-item-0}, {@code remove-tier-2}, ...). */
    private static boolean changeRows(ProgramEditorForm form, String action) {
        Matcher row = ROW_ACTION.matcher(action);
        if (!row.matches()) {
            return false;
        }
        boolean add = "add".equals(row.group(1));
        int first = row.group(3) == null ? -1 : Integer.parseInt(row.group(3));
        int second = row.group(4) == null ? -1 : Integer.parseInt(row.group(4));
        switch (row.group(2)) {
            case "rule":
                if (add && form.getRewards().size() < MOST_ROWS) {
                    ProgramEditorForm.Rule rule = new ProgramEditorForm.Rule();
                    rule.getItems().add(new ProgramEditorForm.Item());
                    form.getRewards().add(rule);
                } else if (!add && first >= 0 && first < form.getRewards().size()) {
                    form.getRewards().remove(first);
                }
                break;
            case "item":
                if (first < 0 || first >= form.getRewards().size()) {
                    break;
                }
                List<ProgramEditorForm.Item> items =
                        form.getRewards().get(first).getItems();
                if (add && items.size() < MOST_ROWS) {
                    items.add(new ProgramEditorForm.Item());
                } else if (!add && second >= 0 && second < items.size()) {
                    items.remove(second);
                }
                break;
            case "tier":
            default:
                if (add && form.getTiers().size() < MOST_ROWS) {
                    form.getTiers().add(new ProgramEditorForm.Tier());
                } else if (!add && first >= 0 && first < form.getTiers().size()) {
                    form.getTiers().remove(first);
                }
                break;
        }
        return true;
    }

    /** The form's own problems (a value that is no date or number), then the program check's on the other fields. */
    private static List<FieldProblem> problems(Draft draft, ProgramDrafts.Checked checked) {
        List<FieldProblem> problems = new ArrayList<>(draft.problems());
        Set<String> unread = new LinkedHashSet<>();
        draft.problems().forEach(problem -> unread.add(anchor(problem.field())));
        fieldProblems(checked.problems()).stream()
                .filter(problem -> !unread.contains(anchor(problem.field())))
                .forEach(problems::add);
        return problems;
    }

    private static List<FieldProblem> fieldProblems(List<ProgramProblem> problems) {
        return problems.stream()
                .map(problem -> new FieldProblem(problem.field(), problem.message()))
                .toList();
    }

    private String editor(Model model, ProgramEditorForm form, ProgramView existing, List<FieldProblem> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<Shown> summary = new ArrayList<>();
        for (FieldProblem problem : problems) {
            String at = anchor(problem.field());
            errors.computeIfAbsent(at, field -> new ArrayList<>()).add(problem.message());
            summary.add(new Shown(at.isEmpty() ? null : id(at), label(at), problem.message()));
        }
        Set<String> itemIds = new LinkedHashSet<>();
        form.getRewards()
                .forEach(rule -> rule.getItems().stream()
                        .map(ProgramEditorForm.Item::getId)
                        .filter(id -> id != null && !id.isBlank())
                        .forEach(id -> itemIds.add(id.strip())));
        form.getTiers().stream()
                .map(ProgramEditorForm.Tier::getItem)
                .filter(id -> id != null && !id.isBlank())
                .forEach(itemIds::add);
        model.addAttribute("form", form);
        model.addAttribute("creating", existing == null);
        model.addAttribute("existing", existing);
        model.addAttribute("editable", existing == null || "api".equals(existing.source()));
        model.addAttribute(
                "formAction", existing == null ? "/program/programs/new" : "/program/programs/" + form.getKey());
        model.addAttribute("errors", errors);
        model.addAttribute("summary", summary);
        model.addAttribute("kinds", drafts.rewardKinds());
        model.addAttribute("periods", drafts.periods());
        model.addAttribute("itemIds", List.copyOf(itemIds));
        model.addAttribute("maxTalkingPoints", drafts.maxTalkingPoints());
        model.addAttribute("fields", new Fields(errors));
        return "staff/program/editor";
    }

    private ProgramView existing(String key) {
        return catalog.program(key).orElseThrow(() -> new ProgramNotFound(key));
    }

    /**
     * Where a problem is shown: a list's entry at its list ({@code serviceLines[2]} at {@code serviceLines}), the
     * retail value's amount and currency at the retail value.
     */
    static String anchor(String field) {
        String at = field == null ? "" : field.replaceFirst("\\.retailValue\\.(value|currency)$", ".retailValue");
        Matcher entry = LIST_ENTRY.matcher(at);
        return entry.matches() ? entry.group(1) : at;
    }

    /** The id of a field's input, e.g. {@code f-rewards-0-items-1-retailValue}. */
    static String id(String field) {
        return ("f-" + field.replaceAll("[^A-Za-z0-9]+", "-")).replaceFirst("-+$", "");
    }

    /** A field's name in words: {@code Rule 1, item 2: Retail value (USD)}. */
    static String label(String field) {
        if (field.isEmpty()) {
            return "Program";
        }
        Matcher item = IN_ITEM.matcher(field);
        if (item.matches()) {
            return "Rule " + (Integer.parseInt(item.group(1)) + 1) + ", item " + (Integer.parseInt(item.group(2)) + 1)
                    + ": " + LABELS.getOrDefault(item.group(3), item.group(3));
        }
        Matcher rule = IN_RULE.matcher(field);
        if (rule.matches()) {
            return "Rule " + (Integer.parseInt(rule.group(1)) + 1) + ": "
                    + LABELS.getOrDefault(rule.group(2), rule.group(2));
        }
        Matcher tier = IN_TIER.matcher(field);
        if (tier.matches()) {
            return "Tier " + (Integer.parseInt(tier.group(1)) + 1) + ": "
                    + LABELS.getOrDefault(tier.group(2), tier.group(2));
        }
        return LABELS.getOrDefault(field, field);
    }

    /**
     * @param id the input to jump to, or null
     */
    record Shown(String id, String label, String message) {}

    /** The template's view of the problems: those of one field, and the ids that tie each input to them. */
    record Fields(Map<String, List<String>> errors) {

        public List<String> errors(String field) {
            return errors.getOrDefault(field, List.of());
        }

        public boolean invalid(String field) {
            return errors.containsKey(field);
        }

        public String id(String field) {
            return ProgramEditorPages.id(field);
        }

        /** The id of the field's error message; null when it has none. */
        public String errorId(String field) {
            return invalid(field) ? ProgramEditorPages.id(field) + "-error" : null;
        }

        /** The input's {@code aria-describedby}: its hint and its error message, or null when it has neither. */
        public String describedBy(String field, Object hint) {
            List<String> ids = new ArrayList<>();
            if (hint != null) {
                ids.add(ProgramEditorPages.id(field) + "-hint");
            }
            if (invalid(field)) {
                ids.add(errorId(field));
            }
            return ids.isEmpty() ? null : String.join(" ", ids);
        }

        /** The messages of the field as one text. */
        public String message(String field) {
            return String.join(" ", errors(field));
        }
    }

    /** No program has that key; the page says so. */
    static class ProgramNotFound extends RuntimeException {
        ProgramNotFound(String key) {
            super("There is no program with the key '" + (key.length() > 64 ? key.substring(0, 64) + "…" : key)
                    + "'. The programs list shows them all.");
        }
    }
}
