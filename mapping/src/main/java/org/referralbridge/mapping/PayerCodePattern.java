package org.referralbridge.mapping;

import java.util.Locale;

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
}
