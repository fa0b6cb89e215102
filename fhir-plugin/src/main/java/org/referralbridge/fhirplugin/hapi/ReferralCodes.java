package org.referralbridge.fhirplugin.hapi;

import java.util.Locale;
import java.util.Optional;

/**
 * Referral codes as people type them: {@code abcd efgh}, {@code ABCDEFGH} and {@code Abcd-Efgh} all mean the code
 * that advocates' Patients carry as {@code ABCD-EFGH}.
 */
final class ReferralCodes {

    private static final int LENGTH = 8;
    private static final int GROUP = 4;

    private ReferralCodes() {}

    /**
     * The code in the form advocates' Patients carry it: upper case without spaces or hyphens, with one hyphen after
     * the fourth character when it is 8 characters long (other lengths are returned without hyphen and will match
     * nobody). Empty for a missing or blank code.
     */
    static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        if (compact.isEmpty()) {
            return Optional.empty();
        }
        if (compact.length() == LENGTH) {
            return Optional.of(compact.substring(0, GROUP) + "-" + compact.substring(GROUP));
        }
        return Optional.of(compact);
    }
}
