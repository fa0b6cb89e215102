package org.referralbridge.server.surveys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codes and displays of the conformance package's {@code referral-reward-kind} CodeSystem, the answers of the
 * survey's reward-preference item (kept equal to the package by {@code SurveyBrowserTests}).
 */
final class RewardKinds {

    static final Map<String, String> DISPLAYS;

    static {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("cash", "Cash");
        kinds.put("cash-equivalent", "Cash equivalent");
        kinds.put("in-kind", "In-kind gift");
        kinds.put("service-credit", "Service credit");
        kinds.put("donation", "Charitable donation");
        kinds.put("recognition", "Recognition");
        DISPLAYS = java.util.Collections.unmodifiableMap(kinds);
    }

    private RewardKinds() {}
}
