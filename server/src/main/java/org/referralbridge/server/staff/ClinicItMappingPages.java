package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.referralbridge.server.profiles.DryRunReport;
import org.referralbridge.server.profiles.MappingWorkbench;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The mapping profiles: the list, one profile's YAML (read-only), checking a pasted profile, and a dry run of a
 * profile on pasted FHIR JSON. Checking and the dry run change nothing, so their forms answer with the result at
 * once instead of redirecting; what was pasted is shown back, never logged or kept.
 */
@Controller
class ClinicItMappingPages {

    static final int PAGE_SIZE = 20;

    /** The most text one form takes: a profile or a Bundle for trying, not a data load. */
    static final int MAX_TEXT = 1_000_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final MappingWorkbench workbench;

    ClinicItMappingPages(MappingWorkbench workbench) {
        this.workbench = workbench;
    }

    @GetMapping(path = "/it/mapping", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String profiles(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        String wanted = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        List<MappingWorkbench.ProfileSummary> matching = workbench.profiles().stream()
                .filter(profile -> wanted.isEmpty()
                        || profile.name().toLowerCase(Locale.ROOT).contains(wanted)
                        || (profile.description() != null
                                && profile.description()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(wanted)))
                .toList();
        int totalPages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(page, 0), totalPages - 1);
        model.addAttribute("q", q);
        model.addAttribute(
                "profiles", matching.subList(number * PAGE_SIZE, Math.min(matching.size(), (number + 1) * PAGE_SIZE)));
        model.addAttribute("pageNumber", number);
        model.addAttribute("totalPages", totalPages);
        return "staff/it/mapping";
    }

    @GetMapping(path = "/it/mapping/profiles/{name}", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String profile(@PathVariable String name, Model model) {
        MappingWorkbench.ProfileText profile = workbench
                .profile(name)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "There is no mapping profile named "
                                + (NAME.matcher(name).matches() ? name : "so")
                                + ". The list of profiles has every one the service knows."));
        model.addAttribute("profile", profile.profile());
        model.addAttribute("yaml", profile.yaml());
        return "staff/it/profile";
    }

    @GetMapping(path = "/it/mapping/validate", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String validateForm(Model model) {
        model.addAttribute("yaml", "");
        model.addAttribute("checked", false);
        return "staff/it/validate";
    }

    @PostMapping(path = "/it/mapping/validate", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String validate(@RequestParam(defaultValue = "") String yaml, Model model) {
        model.addAttribute("yaml", yaml);
        if (yaml.isBlank()) {
            model.addAttribute("checked", false);
            model.addAttribute("yamlError", "Paste a mapping profile's YAML here.");
            return "staff/it/validate";
        }
        if (yaml.length() > MAX_TEXT) {
            model.addAttribute("checked", false);
            model.addAttribute(
                    "yamlError", "That is more than a mapping profile: at most " + MAX_TEXT + " characters.");
            return "staff/it/validate";
        }
        List<MappingWorkbench.ProfileProblem> problems = workbench.validate(yaml);
        model.addAttribute("checked", true);
        model.addAttribute("pasted", MappingWorkbench.PASTED);
        model.addAttribute("problems", problems);
        if (!problems.isEmpty()) {
            model.addAttribute(
                    "yamlError",
                    "The profile has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                            + ", listed below with their lines.");
        }
        return "staff/it/validate";
    }

    @GetMapping(path = "/it/mapping/dry-run", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String dryRunForm(@RequestParam(required = false) String profile, Model model) {
        fillDryRunForm(model, profile, "");
        return "staff/it/dry-run";
    }

    @PostMapping(path = "/it/mapping/dry-run", produces = "text/html")
    @RolesAllowed(Roles.CLINIC_IT)
    String dryRun(
            @RequestParam(required = false) String profile, @RequestParam(defaultValue = "") String json, Model model) {
        fillDryRunForm(model, profile, json);
        if (json.length() > MAX_TEXT) {
            model.addAttribute("jsonError", "That is more than a dry run takes: at most " + MAX_TEXT + " characters.");
            return "staff/it/dry-run";
        }
        try {
            DryRunReport report = workbench.dryRun(profile, json);
            model.addAttribute("report", ClinicItDryRunView.of(report));
        } catch (MappingWorkbench.DryRunRefused e) {
            model.addAttribute("jsonError", e.getMessage());
        }
        return "staff/it/dry-run";
    }

    private void fillDryRunForm(Model model, String profile, String json) {
        List<MappingWorkbench.ProfileSummary> profiles = workbench.profiles();
        String chosen = profiles.stream()
                .filter(p -> p.name().equals(profile))
                .map(MappingWorkbench.ProfileSummary::name)
                .findFirst()
                .orElseGet(() -> profiles.stream()
                        .filter(MappingWorkbench.ProfileSummary::active)
                        .map(MappingWorkbench.ProfileSummary::name)
                        .findFirst()
                        .orElse(null));
        model.addAttribute("profiles", profiles);
        model.addAttribute("chosen", chosen);
        model.addAttribute("json", json);
    }
}
