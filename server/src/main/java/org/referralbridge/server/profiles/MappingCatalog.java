package org.referralbridge.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;

/**
 * Every profile the service knows, by name, each compiled once when first used; and the one the EHR connection uses.
 */
public final class MappingCatalog {

    private final FhirContext fhirContext;
    private final MappingProfiles loader;
    private final Map<String, MappingProfile> profiles;
    private final String activeName;
    private final Map<String, ProfileEvaluator> evaluators = new ConcurrentHashMap<>();

    MappingCatalog(
            FhirContext fhirContext, MappingProfiles loader, Map<String, MappingProfile> profiles, String activeName) {
        if (!profiles.containsKey(activeName)) {
            throw new IllegalStateException("referralbridge.mapping.profile names '" + activeName
                    + "', which is no profile the service knows; it knows "
                    + List.copyOf(new java.util.TreeSet<>(profiles.keySet()))
                    + " (shipped ones, and those in referralbridge.mapping.directory)");
        }
        this.fhirContext = fhirContext;
        this.loader = loader;
        this.profiles = Map.copyOf(profiles);
        this.activeName = activeName;
    }

    /** The profile the EHR connection uses. */
    public ProfileEvaluator active() {
        return evaluator(activeName).orElseThrow();
    }

    public String activeName() {
        return activeName;
    }

    /** Names, sorted. */
    public List<String> names() {
        return profiles.keySet().stream().sorted().toList();
    }

    public Optional<MappingProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public Optional<ProfileEvaluator> evaluator(String name) {
        MappingProfile profile = profiles.get(name);
        if (profile == null) {
            return Optional.empty();
        }
        return Optional.of(evaluators.computeIfAbsent(name, key -> new ProfileEvaluator(fhirContext, profile)));
    }

    /** Whether the profile of that name is one shipped with the service (not replaced by clinic IT's directory). */
    boolean isShipped(String name) {
        MappingProfile profile = profiles.get(name);
        return profile != null && loader.shippedNames().contains(name) && loader.shipped(name) == profile;
    }

    /**
     * A profile clinic IT is trying out, from YAML text, compiled for this call only (nothing is kept).
     *
     * @throws org.referralbridge.mapping.InvalidMappingProfile with every located problem
     */
    ProfileEvaluator trial(String yaml) {
        return trial(yaml, "request");
    }

    /** {@link #trial(String)}, its problems naming the profile {@code sourceName}. */
    ProfileEvaluator trial(String yaml, String sourceName) {
        return new ProfileEvaluator(fhirContext, loader.load(yaml, sourceName));
    }
}
