package org.referralbridge.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.referralbridge.mapping.InvalidMappingProfile;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;
import org.springframework.stereotype.Component;

/**
 * What clinic IT's mapping pages do with the profiles: list them, show one's YAML as it was loaded, check a pasted
 * profile (every problem located by line and field), and dry-run a known profile on pasted FHIR JSON, which changes
 * nothing. Pasted text is clinic IT's own input: it is answered to them and never logged or kept.
 */
@Component
public class MappingWorkbench {

    /** How the problems of a pasted profile name it. */
    public static final String PASTED = "pasted profile";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,63}");

    private final MappingCatalog catalog;
    private final MappingProperties properties;
    private final DryRuns dryRuns;
    private final FhirContext fhirContext;
    private final ObjectMapper strictJson = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    MappingWorkbench(MappingCatalog catalog, MappingProperties properties, DryRuns dryRuns, FhirContext fhirContext) {
        this.catalog = catalog;
        this.properties = properties;
        this.dryRuns = dryRuns;
        this.fhirContext = fhirContext;
    }

    /** Every profile the service knows, sorted by name. */
    public List<ProfileSummary> profiles() {
        return catalog.names().stream()
                .map(name -> summary(catalog.profile(name).orElseThrow()))
                .toList();
    }

    /** A known profile with its YAML as the service loaded it (the shipped file, or clinic IT's own file). */
    public Optional<ProfileText> profile(String name) {
        return catalog.profile(name).map(profile -> new ProfileText(summary(profile), yamlOf(profile)));
    }

    /** Checks a pasted profile the way the service checks its own at start; empty when it can be used. */
    public List<ProfileProblem> validate(String yaml) {
        try {
            catalog.trial(yaml == null ? "" : yaml, PASTED);
            return List.of();
        } catch (InvalidMappingProfile e) {
            return e.problems().stream()
                    .map(p -> new ProfileProblem(p.source(), p.line(), p.column(), p.path(), p.message()))
                    .toList();
        }
    }

    /**
     * Tries a known profile on a FHIR resource or Bundle in JSON.
     *
     * @throws DryRunRefused naming what is wrong with the input, or that no profile has that name
     */
    public DryRunReport dryRun(String profileName, String json) {
        ProfileEvaluator evaluator = catalog.evaluator(profileName)
                .orElseThrow(() -> new DryRunRefused("There is no mapping profile named "
                        + (profileName != null && NAME.matcher(profileName).matches() ? profileName : "so")
                        + "; pick one of " + String.join(", ", catalog.names()) + "."));
        check(json);
        try {
            return dryRuns.run(profileName, evaluator, json);
        } catch (DryRuns.InvalidDryRunInput e) {
            throw new DryRunRefused("That is not usable: " + e.getMessage() + ".");
        }
    }

    /** The JSON's own mistakes, in plain words, before HAPI's parser sees it (it would keep a key's last value). */
    private void check(String json) {
        if (json == null || json.isBlank()) {
            throw new DryRunRefused("Paste a FHIR resource in JSON: a Patient, or a Bundle of resources.");
        }
        JsonNode tree;
        try {
            tree = strictJson.readTree(json);
        } catch (JsonParseException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (original.startsWith("Duplicate field")) {
                String key = e.getProcessor() == null
                        ? null
                        : e.getProcessor().getParsingContext().getCurrentName();
                throw new DryRunRefused("The JSON has the key "
                        + (key != null && NAME.matcher(key).matches() ? "\"" + key + "\"" : "(a key that is no name)")
                        + " twice in one object" + at(e.getLocation())
                        + ": which value is meant is ambiguous. Keep one of them.");
            }
            throw new DryRunRefused("That is not valid JSON" + at(e.getLocation())
                    + ": look for a missing comma, quote, or closing bracket there.");
        } catch (JsonProcessingException e) {
            throw new DryRunRefused("That is not valid JSON" + at(e.getLocation()) + ".");
        }
        if (tree == null || !tree.isObject()) {
            throw new DryRunRefused(
                    "The JSON is not an object: a FHIR resource starts with { and names its" + " resourceType.");
        }
        JsonNode type = tree.get("resourceType");
        if (type == null || !type.isTextual()) {
            throw new DryRunRefused("The JSON has no resourceType: a FHIR resource says what it is, e.g."
                    + " \"resourceType\": \"Patient\".");
        }
        if (!fhirContext.getResourceTypes().contains(type.asText())) {
            throw new DryRunRefused("The resourceType "
                    + (NAME.matcher(type.asText()).matches() ? "\"" + type.asText() + "\" " : "")
                    + "is no FHIR R4 resource type: paste a Patient, a QuestionnaireResponse, an Encounter, a"
                    + " Coverage, or a Bundle of them.");
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private ProfileSummary summary(MappingProfile profile) {
        return new ProfileSummary(
                profile.name(),
                profile.description().orElse(null),
                profile.sourceName(),
                catalog.isShipped(profile.name()),
                profile.name().equals(catalog.activeName()));
    }

    private String yamlOf(MappingProfile profile) {
        if (catalog.isShipped(profile.name())) {
            String resource = MappingProfiles.SHIPPED_PROFILES_FOLDER + profile.sourceName();
            try (InputStream in = MappingProfiles.class.getResourceAsStream(resource)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the shipped mapping profile " + profile.name(), e);
            }
        }
        if (properties.directory() == null || properties.directory().isBlank()) {
            return null;
        }
        Path file = Path.of(properties.directory()).resolve(profile.sourceName());
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the mapping profile file " + profile.sourceName(), e);
        }
    }

    /**
     * @param source the file it was loaded from
     * @param shipped whether it ships with the service (else it is from {@code referralbridge.mapping.directory})
     * @param active whether the EHR connection reads with it ({@code referralbridge.mapping.profile})
     */
    public record ProfileSummary(String name, String description, String source, boolean shipped, boolean active) {}

    /** @param yaml the profile's YAML, or null when its file can no longer be read */
    public record ProfileText(ProfileSummary profile, String yaml) {}

    /**
     * One thing wrong with a pasted profile.
     *
     * @param source {@link #PASTED}, or the default profile it extends
     * @param line 1-based, 0 when the problem concerns the whole profile
     * @param field where in the YAML, as dotted keys with list indexes (e.g. {@code patient.channel[1]}); empty for
     *     the whole profile
     */
    public record ProfileProblem(String source, int line, int column, String field, String message) {}

    /** A dry run that cannot be made: the message says why in plain words, without quoting values. */
    public static class DryRunRefused extends RuntimeException {
        DryRunRefused(String message) {
            super(message);
        }
    }
}
