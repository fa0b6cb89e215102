package org.referralbridge.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads resource ids out of references as EHRs write them. */
final class FhirReferences {

    /** {@code [base/]Type/id[/_history/version]}. */
    private static final Pattern TYPED =
            Pattern.compile("^(?:.*/)?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?$");

    private static final Pattern BARE_ID = Pattern.compile("^[A-Za-z0-9\\-.]{1,64}$");
    private static final String URN_UUID = "urn:uuid:";

    private FhirReferences() {}

    /**
     * The Patient id a value names: {@code Patient/123} (relative, absolute or versioned), {@code urn:uuid:<id>} as in
     * transaction Bundles and Synthea data (unless its Reference.type says it is not a Patient), or a bare id. Empty
     * for references to other types and for contained ({@code #}) references.
     */
    static Optional<String> patientId(Datum value) {
        String text = value.value();
        if (text.regionMatches(true, 0, URN_UUID, 0, URN_UUID.length())) {
            boolean patient = value.system() == null || value.system().equals("Patient");
            return patient ? Optional.of(text.substring(URN_UUID.length())) : Optional.empty();
        }
        Matcher typed = TYPED.matcher(text);
        if (typed.matches()) {
            return typed.group(1).equals("Patient") ? Optional.of(typed.group(2)) : Optional.empty();
        }
        return BARE_ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /**
     * A reference to a resource as {@code Type/id}, dropping any base URL and version; {@code urn:uuid:} references
     * keep their id when the Reference states its type. Empty when the type cannot be told.
     */
    static Optional<String> typedReference(Datum value) {
        String text = value.value();
        if (text.regionMatches(true, 0, URN_UUID, 0, URN_UUID.length())) {
            return value.system() == null
                    ? Optional.empty()
                    : Optional.of(value.system() + "/" + text.substring(URN_UUID.length()));
        }
        Matcher typed = TYPED.matcher(text);
        return typed.matches() ? Optional.of(typed.group(1) + "/" + typed.group(2)) : Optional.empty();
    }
}
