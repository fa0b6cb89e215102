package org.referralbridge.server.referral;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Patient id out of a reference as EHRs write it: relative, absolute, or with a version. */
final class PatientReference {

    private static final Pattern PATIENT = Pattern.compile("(?:^|/)Patient/([A-Za-z0-9\\-.]{1,64})(?:/_history/.*)?$");

    private PatientReference() {}

    static Optional<String> idOf(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        Matcher matcher = PATIENT.matcher(reference.trim());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
