package org.referralbridge.server.referral;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a referred patient and the advocate a claim names are one person: the same Patient, Patients linked through
 * Patient.link (either direction, any link type) or sharing an identifier are (a self-referral); the same family name
 * and birth date, phone or email only may be (a possible duplicate, for staff to decide).
 *
 * @param selfReferral whether they are certainly one person
 * @param duplicateSignals what makes them look alike, when not certainly one person; empty when nothing does
 */
record IdentityCheck(boolean selfReferral, Set<DuplicateSignal> duplicateSignals) {

    static final IdentityCheck DIFFERENT = new IdentityCheck(false, Set.of());
    static final IdentityCheck SAME_PERSON = new IdentityCheck(true, Set.of());

    IdentityCheck {
        duplicateSignals =
                duplicateSignals.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(duplicateSignals));
    }

    static IdentityCheck of(PatientFacts referred, PatientFacts referrer) {
        if (referred.patientId().equals(referrer.patientId())
                || referred.linkedPatientIds().contains(referrer.patientId())
                || referrer.linkedPatientIds().contains(referred.patientId())
                || shareAny(referred.identifiers(), referrer.identifiers())) {
            return SAME_PERSON;
        }
        Set<DuplicateSignal> signals = EnumSet.noneOf(DuplicateSignal.class);
        if (referred.birthDate() != null
                && referred.birthDate().equals(referrer.birthDate())
                && shareAny(referred.familyNames(), referrer.familyNames())) {
            signals.add(DuplicateSignal.FAMILY_NAME_AND_BIRTH_DATE);
        }
        if (shareAny(referred.phones(), referrer.phones())) {
            signals.add(DuplicateSignal.PHONE);
        }
        if (shareAny(referred.emails(), referrer.emails())) {
            signals.add(DuplicateSignal.EMAIL);
        }
        return signals.isEmpty() ? DIFFERENT : new IdentityCheck(false, signals);
    }

    boolean possibleDuplicate() {
        return !selfReferral && !duplicateSignals.isEmpty();
    }

    private static boolean shareAny(Set<String> one, Set<String> other) {
        return one.stream().anyMatch(other::contains);
    }
}
