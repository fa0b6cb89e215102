package org.referralbridge.mapping;

import java.util.Arrays;
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

    private ReferrerMatchingReading() {}

    static ReferrerMatching read(ProfileKeys top) {
        Optional<ProfileKeys> found = top.section("referrerMatching", false, "");
        if (found.isEmpty()) {
            return BY_REFERRAL_CODE;
        }
        ProfileKeys section = found.get();
        List<ReferrerMatching.Strategy> order = strategies(section);
        Set<String> types = referrerTypes(section);
        section.reportUnknownKeys();
        return new ReferrerMatching(order, types.isEmpty() ? REFERRER_TYPES : types);
    }

    private static List<ReferrerMatching.Strategy> strategies(ProfileKeys section) {
        Set<ReferrerMatching.Strategy> order = new LinkedHashSet<>();
        List<ProfileKeys.Located> by = section.texts("by");
        for (ProfileKeys.Located entry : by) {
            ReferrerMatching.Strategy strategy = STRATEGIES.get(entry.value());
            if (strategy == null) {
                section.problem(
                        entry.mark(),
                        entry.path(),
                        "'%s' is not a matching strategy; expected referral-code or referrer-reference"
                                .formatted(entry.value()));
            } else if (!order.add(strategy)) {
                section.problem(entry.mark(), entry.path(), "'%s' is listed twice".formatted(entry.value()));
            }
        }
        if (by.isEmpty() && section.value("by") == null) {
            order.add(ReferrerMatching.Strategy.REFERRAL_CODE);
        } else if (by.isEmpty()) {
            section.problem(
                    section.mark(),
                    section.pathOf("by"),
                    "names no strategy; expected referral-code and/or referrer-reference");
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
}
