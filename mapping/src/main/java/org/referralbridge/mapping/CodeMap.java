package org.referralbridge.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's map from the EHR's local codes or texts to ours. A key is either {@code system|code} or a bare code or
 * text; keys compare ignoring case and surrounding blanks, and a key with a system is tried before a bare one.
 */
record CodeMap(Map<String, String> targets) {

    static final CodeMap EMPTY = new CodeMap(Map.of());

    CodeMap {
        targets = Map.copyOf(targets);
    }

    static String normalizeKey(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    Optional<String> lookup(Datum datum) {
        if (datum.system() != null) {
            String target = targets.get(normalizeKey(datum.system() + "|" + datum.value()));
            if (target != null) {
                return Optional.of(target);
            }
        }
        return Optional.ofNullable(targets.get(normalizeKey(datum.value())));
    }
}
