package org.referralbridge.server.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.referralbridge.mapping.InvalidMappingProfile;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.web.Problems;
import org.referralbridge.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Clinic IT's view of the mapping profiles: which exist, which is in use, what the maps miss, and the dry run. */
@RestController
@RequestMapping("/api/mapping-profiles")
class MappingProfileController {

    private final MappingCatalog catalog;
    private final UnmappedValues unmapped;
    private final DryRuns dryRuns;

    MappingProfileController(MappingCatalog catalog, UnmappedValues unmapped, DryRuns dryRuns) {
        this.catalog = catalog;
        this.unmapped = unmapped;
        this.dryRuns = dryRuns;
    }

    @GetMapping
    @RolesAllowed({Roles.CLINIC_IT, Roles.PROGRAM_ADMIN})
    List<ProfileSummary> profiles() {
        return catalog.names().stream()
                .map(name -> ProfileSummary.of(catalog.profile(name).orElseThrow(), name.equals(catalog.activeName())))
                .toList();
    }

    /** The channel and service-line values this profile's maps did not know, most frequent first. */
    @GetMapping("/{name}/unmapped")
    @RolesAllowed(Roles.CLINIC_IT)
    List<UnmappedValues.UnmappedValue> unmapped(@PathVariable String name) {
        requireProfile(name);
        return unmapped.of(name);
    }

    /** Tries a known profile on a FHIR resource or Bundle; changes nothing. */
    @PostMapping(path = "/{name}/dry-run")
    @RolesAllowed(Roles.CLINIC_IT)
    DryRunReport dryRun(@PathVariable String name, @RequestBody JsonNode input) {
        ProfileEvaluator evaluator = requireProfile(name);
        return dryRuns.run(name, evaluator, input.toString());
    }

    /**
     * Tries a profile that is not loaded: {@code {"profile": "<the YAML>", "input": <a FHIR resource or Bundle>}}. An
     * invalid profile is a 400 listing every problem, located by line and field.
     */
    @PostMapping(path = "/dry-run")
    @RolesAllowed(Roles.CLINIC_IT)
    DryRunReport dryRunOf(@RequestBody TrialRequest request) {
        if (request.profile() == null || request.profile().isBlank()) {
            throw new DryRuns.InvalidDryRunInput("the request has no 'profile' (the profile's YAML, as a string)");
        }
        if (request.input() == null || !request.input().isObject()) {
            throw new DryRuns.InvalidDryRunInput("the request has no 'input' (a FHIR resource or Bundle, as JSON)");
        }
        ProfileEvaluator evaluator = catalog.trial(request.profile());
        return dryRuns.run(
                evaluator.profile().name(), evaluator, request.input().toString());
    }

    private ProfileEvaluator requireProfile(String name) {
        return catalog.evaluator(name).orElseThrow(() -> new UnknownProfile(name, catalog.names()));
    }

    @ExceptionHandler
    ProblemDetail unknownProfile(UnknownProfile e) {
        return Problems.of(HttpStatus.NOT_FOUND, "RB-2301", "Unknown mapping profile", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidInput(DryRuns.InvalidDryRunInput e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "RB-2302", "Dry run input not usable", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidProfile(InvalidMappingProfile e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "RB-2303",
                "Invalid mapping profile",
                "the profile has " + e.problems().size() + " problem(s); each is listed in 'errors'");
        problem.setProperty(
                "errors",
                e.problems().stream()
                        .map(p -> new LocatedProblem(p.line(), p.column(), p.path(), p.message()))
                        .toList());
        return problem;
    }

    record TrialRequest(String profile, JsonNode input) {}

    record LocatedProblem(int line, int column, String field, String message) {}

    record ProfileSummary(String name, String description, String source, boolean active) {
        static ProfileSummary of(MappingProfile profile, boolean active) {
            return new ProfileSummary(profile.name(), profile.description().orElse(null), profile.sourceName(), active);
        }
    }

    static class UnknownProfile extends RuntimeException {
        UnknownProfile(String name, List<String> known) {
            super("No mapping profile named '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                    + "'; the service knows " + known);
        }
    }
}
