package org.referralbridge.mapping;

import java.util.Objects;

/**
 * An identifier of the referrer as the EHR or the patient gave it, e.g. a member number or an employee id.
 *
 * @param system the identifier system (a URI); null when the EHR gives none and the profile names none
 * @param value the identifier value, trimmed, never blank
 */
public record ReferrerIdentifier(String system, String value) {

    public ReferrerIdentifier {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A referrer identifier needs a value");
        }
    }
}
