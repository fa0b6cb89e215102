package org.referralbridge.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.Consents;

/**
 * How a profile recognises the program's three consents among an EHR's Consents: for each kind ({@code
 * referral-disclosure}, {@code referrer-recognition}, {@code program-messages}), the category codings ({@code
 * system|code}) and profile URLs that mean it. Without a {@code consent} section, the package's own: its category
 * codes and its three Consent profiles.
 *
 * @param kinds each kind's code with the markers that mean it, in the order a Consent is checked
 */
public record ConsentRecognition(Map<String, List<String>> kinds) {

    public static final List<String> KIND_CODES = List.of(
            Canonicals.ReferralDisclosureConsent.CATEGORY,
            Canonicals.ReferrerRecognitionConsent.CATEGORY,
            Canonicals.ProgramMessagesConsent.CATEGORY);

    public ConsentRecognition {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        kinds.forEach((kind, markers) -> copy.put(kind, List.copyOf(markers)));
        kinds = java.util.Collections.unmodifiableMap(copy);
    }

    /** The package's own markers: its category codes and profile URLs. */
    public static ConsentRecognition packageDefault() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put(
                Canonicals.ReferralDisclosureConsent.CATEGORY,
                List.of(
                        marker(Canonicals.ReferralDisclosureConsent.CATEGORY),
                        Canonicals.ReferralDisclosureConsent.URL));
        kinds.put(
                Canonicals.ReferrerRecognitionConsent.CATEGORY,
                List.of(
                        marker(Canonicals.ReferrerRecognitionConsent.CATEGORY),
                        Canonicals.ReferrerRecognitionConsent.URL));
        kinds.put(
                Canonicals.ProgramMessagesConsent.CATEGORY,
                List.of(marker(Canonicals.ProgramMessagesConsent.CATEGORY), Canonicals.ProgramMessagesConsent.URL));
        return new ConsentRecognition(kinds);
    }

    /**
     * The kind a Consent is, from its category codings ({@code system|code}) and its {@code meta.profile} URLs.
     *
     * @return the kind's code, or empty when the Consent is none of the program's
     */
    public Optional<String> kindOf(List<String> categoryCodings, List<String> profiles) {
        for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
            for (String marker : kind.getValue()) {
                if (categoryCodings.contains(marker) || profiles.contains(marker)) {
                    return Optional.of(kind.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private static String marker(String category) {
        return Consents.KIND_CODE_SYSTEM + "|" + category;
    }
}
