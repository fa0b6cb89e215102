package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a profile's {@code precedence}: which evidence source decides a referral not yet linked when a patient has
 * evidence from both.
 */
final class PrecedenceReading {

    /** The resource types evidence comes from, in the default order of precedence. */
    static final List<String> EVIDENCE_TYPES = List.of("Patient", "QuestionnaireResponse");

    private PrecedenceReading() {}

    /** The listed types first, then any left out in the default order; every problem is recorded. */
    static List<String> read(ProfileKeys top) {
        List<String> order = new ArrayList<>();
        List<ProfileKeys.Located> entries = top.texts("precedence");
        for (ProfileKeys.Located entry : entries) {
            if (!EVIDENCE_TYPES.contains(entry.value())) {
                top.problem(
                        entry.mark(),
                        entry.path(),
                        "'%s' is not a resource type evidence is read from; expected %s"
                                .formatted(entry.value(), String.join(" or ", EVIDENCE_TYPES)));
            } else if (order.contains(entry.value())) {
                top.problem(entry.mark(), entry.path(), "'%s' is listed twice".formatted(entry.value()));
            } else {
                order.add(entry.value());
            }
        }
        YamlNode node = top.value("precedence");
        if (entries.isEmpty() && node instanceof YamlNode.Sequence) {
            top.problem(
                    node.mark(), "precedence", "names no resource type; expected Patient and/or QuestionnaireResponse");
        }
        EVIDENCE_TYPES.stream().filter(type -> !order.contains(type)).forEach(order::add);
        return List.copyOf(order);
    }
}
