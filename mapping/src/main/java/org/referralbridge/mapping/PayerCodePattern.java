package org.referralbridge.mapping;

import java.util.Locale;
import java.util.Optional;

/**
 * One entry of a {@code coverage.federalPrograms} list: {@code system|code}, or a bare code or payer name matching any
 * system; a trailing {@code *} matches every code that starts with the rest (SOPT codes are hierarchical, so {@code
 * https://nahdo.org/sopt|2*} is every kind of Medicaid). Codes compare ignoring case; systems exactly.
 */
record PayerCodePattern(String system, String value, boolean prefix) {

    static PayerCodePattern parse(String entry) {
        String text = entry.strip();
        boolean prefix = text.endsWith("*");
        if (prefix) {
            text = text.substring(0, text.length() - 1);
        }
        int bar = text.lastIndexOf('|');
        String system = bar < 0 ? null : text.substring(0, bar).strip();
        String value = (bar < 0 ? text : text.substring(bar + 1)).strip().toLowerCase(Locale.ROOT);
        return new PayerCodePattern(system, value, prefix);
    }

    boolean matches(Datum datum) {
        if (system != null && !system.equals(datum.system())) {
            return false;
        }
        String candidate = datum.value().strip().toLowerCase(Locale.ROOT);
        return prefix ? candidate.startsWith(value) : candidate.equals(value);
    }

    /** What is wrong with an entry, or empty when it is usable. */
    static Optional<String> problemWith(String entry) {
        String body = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
        if (body.contains("*")) {
            return Optional.of("'*' may only end an entry (it matches every code that starts with the rest)");
        }
        int bar = body.lastIndexOf('|');
        if (bar == 0 || (bar > 0 && body.substring(0, bar).isBlank())) {
            return Optional.of("the system before '|' is empty; write system|code, or the code alone for any system");
        }
        if (body.substring(bar + 1).isBlank()) {
            return Optional.of("the code after '|' is empty");
        }
        return Optional.empty();
    }
}
