package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a profile's optional {@code consent} section: for each of {@code referralDisclosure}, {@code
 * referrerRecognition} and {@code programMessages}, a list of category codings ({@code system|code}) or profile URLs
 * that mark a Consent of that kind in this EHR. A kind the section leaves out keeps the package's own markers.
 */
final class ConsentReading {

    private static final Map<String, String> KEYS = Map.of(
            "referralDisclosure", "referral-disclosure",
            "referrerRecognition", "referrer-recognition",
            "programMessages", "program-messages");

    private ConsentReading() {}

    static ConsentRecognition read(ProfileKeys top) {
        ConsentRecognition defaults = ConsentRecognition.packageDefault();
        Optional<ProfileKeys> found = top.section("consent", false, "");
        if (found.isEmpty()) {
            return defaults;
        }
        ProfileKeys section = found.get();
        Map<String, List<String>> kinds = new LinkedHashMap<>(defaults.kinds());
        for (String key : List.of("referralDisclosure", "referrerRecognition", "programMessages")) {
            if (section.value(key) == null) {
                continue;
            }
            List<String> markers = new ArrayList<>();
            for (ProfileKeys.Located marker : section.texts(key)) {
                if (marker.value().contains("|")) {
                    int bar = marker.value().indexOf('|');
                    if (bar == 0 || bar == marker.value().length() - 1) {
                        section.problem(
                                marker.mark(),
                                marker.path(),
                                "expected a category coding 'system|code' or a profile URL, found '%s'"
                                        .formatted(marker.value()));
                        continue;
                    }
                    markers.add(marker.value());
                } else if (section.absoluteUrl(marker)) {
                    markers.add(marker.value());
                }
            }
            if (markers.isEmpty()) {
                section.problem(
                        section.mark(), section.pathOf(key), "lists no category coding or profile URL for this kind");
            }
            kinds.put(KEYS.get(key), markers);
        }
        section.reportUnknownKeys();
        return new ConsentRecognition(kinds);
    }
}
