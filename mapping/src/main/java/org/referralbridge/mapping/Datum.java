package org.referralbridge.mapping;

/**
 * One value read from a resource, reduced to text: a primitive's value, a Coding's system and code, an Identifier's
 * system and value, or a Reference's type and reference.
 *
 * @param system the code or identifier system; for a Reference its {@code type}; null for plain text
 * @param value the text, never blank
 */
record Datum(String system, String value) {

    static Datum text(String value) {
        return new Datum(null, value);
    }
}
