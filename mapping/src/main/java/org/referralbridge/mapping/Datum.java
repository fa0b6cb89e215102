package org.referralbridge.mapping;

import java.util.Objects;

/**
 * One value read from a resource, reduced to text: a primitive's value, a Coding's system and code, an Identifier's
 * system and value, or a Reference's type and reference.
 *
 * @param system the code or identifier system; for a Reference its {@code type}; null for plain text
 * @param value the text, never blank
 */
public record Datum(String system, String value) {

    public Datum {
        Objects.requireNonNull(value, "value");
    }

    static Datum text(String value) {
        return new Datum(null, value);
    }

    /** {@code system|value}, or the value alone when there is no system. */
    @Override
    public String toString() {
        return system == null ? value : system + "|" + value;
    }
}
