package org.referralbridge.mapping;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a profile's {@code referrerMatching} section; without one, referrers are matched by referral code. */
final class ReferrerMatchingReading {

    /** The types the {@code referral-source} extension's referrer may point to. */
    static final Set<String> REFERRER_TYPES = Set.of("Patient", "RelatedPerson", "Practitioner", "Organization");

    static final ReferrerMatching BY_REFERRAL_CODE =
            new ReferrerMatching(List.of(ReferrerMatching.Strategy.REFERRAL_CODE), REFERRER_TYPES);

    private static final Map<String, ReferrerMatching.Strategy> STRATEGIES = Arrays.stream(
                    ReferrerMatching.Strategy.values())
            .collect(Collectors.toUnmodifiableMap(ReferrerMatching.Strategy::profileKey, Function.identity()));

    private static final String STRATEGY_NAMES = Arrays.stream(ReferrerMatching.Strategy.values())
            .map(ReferrerMatching.Strategy::profileKey)
            .collect(Collectors.joining(", "));

    /** The evidence keys a strategy needs in some evidence section, or it could never match anything. */
    private static final Map<ReferrerMatching.Strategy, List<String>> NEEDED_KEYS = Map.of(
            ReferrerMatching.Strategy.REFERRER_IDENTIFIER, List.of("referrerIdentifier"),
            ReferrerMatching.Strategy.REFERRER_NAME, List.of("referrerName", "referrerGiven", "referrerFamily"));

    private ReferrerMatchingReading() {}

    /**
     * @param evidenceKeys the keys set in any evidence section (patient, questionnaireResponse), after the merge
     */
    static ReferrerMatching read(ProfileKeys top, Set<String> evidenceKeys) {
        Optional<ProfileKeys> found = top.section("referrerMatching", false, "");
        if (found.isEmpty()) {
            return BY_REFERRAL_CODE;
        }
        ProfileKeys section = found.get();
        List<ReferrerMatching.Strategy> order = strategies(section, evidenceKeys);
        Set<String> types = referrerTypes(section);
        section.reportUnknownKeys();
        return new ReferrerMatching(order, types.isEmpty() ? REFERRER_TYPES : types);
    }

    private static List<ReferrerMatching.Strategy> strategies(ProfileKeys section, Set<String> evidenceKeys) {
        Set<ReferrerMatching.Strategy> order = new LinkedHashSet<>();
        List<ProfileKeys.Located> by = section.texts("by");
        for (ProfileKeys.Located entry : by) {
            ReferrerMatching.Strategy strategy = STRATEGIES.get(entry.value());
            if (strategy == null) {
                section.problem(
                        entry.mark(),
                        entry.path(),
                        "'%s' is not a matching strategy; expected one of %s".formatted(entry.value(), STRATEGY_NAMES));
            } else if (!order.add(strategy)) {
                section.problem(entry.mark(), entry.path(), "'%s' is listed twice".formatted(entry.value()));
            } else {
                List<String> needed = NEEDED_KEYS.getOrDefault(strategy, List.of());
                if (!needed.isEmpty() && needed.stream().noneMatch(evidenceKeys::contains)) {
                    section.problem(
                            entry.mark(),
                            entry.path(),
                            "'%s' can never match: no patient or questionnaireResponse section sets %s"
                                    .formatted(entry.value(), String.join(", ", needed)));
                }
            }
        }
        if (by.isEmpty() && section.value("by") == null) {
            order.add(ReferrerMatching.Strategy.REFERRAL_CODE);
        } else if (by.isEmpty()) {
            section.problem(
                    section.mark(),
                    section.pathOf("by"),
                    "names no strategy; expected one or more of " + STRATEGY_NAMES);
        }
        return List.copyOf(order);
    }

    private static Set<String> referrerTypes(ProfileKeys section) {
        Set<String> types = new LinkedHashSet<>();
        for (ProfileKeys.Located entry : section.texts("referrerTypes")) {
            if (REFERRER_TYPES.contains(entry.value())) {
                types.add(entry.value());
            } else {
                section.problem(
                        entry.mark(),
                        entry.path(),
                        "wrong resource type '%s' for a referrer; expected one of %s"
                                .formatted(
                                        entry.value(),
                                        String.join(
                                                ", ",
                                                REFERRER_TYPES.stream().sorted().toList())));
            }
        }
        return types;
    }

    /** The keys with a value in the profile's evidence sections. */
    static Set<String> evidenceKeys(YamlNode.Mapping root) {
        Set<String> keys = new HashSet<>();
        for (String section : List.of("patient", "questionnaireResponse")) {
            if (root.get(section) instanceof YamlNode.Mapping mapping) {
                mapping.entries().values().stream()
                        .filter(entry -> !(entry.value() instanceof YamlNode.Scalar scalar && scalar.isNull()))
                        .forEach(entry -> keys.add(entry.key()));
            }
        }
        return keys;
    }
}
