package org.referralbridge.fhirplugin.notification;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the EHR's resource version from the {@code If-Match} header of a classic R4 rest-hook {@code PUT}: HAPI FHIR
 * servers send {@code W/"3"}; some senders drop the weak marker or the quotes.
 */
public final class IfMatchVersion {

    /** FHIR's id datatype, which versionId uses too: keeps odd header values out of the inbox. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private IfMatchVersion() {}

    /** {@code W/"3"} → {@code 3}, {@code "3"} → {@code 3}; absent, {@code *} or unreadable → empty. */
    public static Optional<String> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String tag = headerValue.trim();
        if (tag.startsWith("W/") || tag.startsWith("w/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        return FHIR_ID.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }
}
