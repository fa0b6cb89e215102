package org.referralbridge.server.referral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What makes a linked referral successful, from the program that applies to it: its first finished Encounter of a
 * qualifying class and service line, finished within {@code withinDays} of the referral. The program module defines
 * programs; this plain copy keeps the referral module free of program types (ingest translates).
 *
 * @param programKey the program this definition comes from
 * @param withinDays days after the referral within which the Encounter must finish
 * @param classCodes Encounter class codes that qualify (e.g. {@code AMB}); empty: any
 * @param serviceLines service lines, as the mapping profile reads them, that qualify; empty: any
 */
public record SuccessDefinition(String programKey, int withinDays, List<String> classCodes, List<String> serviceLines) {

    public SuccessDefinition {
        Objects.requireNonNull(programKey, "programKey");
        if (withinDays < 1) {
            throw new IllegalArgumentException("withinDays must be at least 1, was " + withinDays);
        }
        classCodes = classCodes == null ? List.of() : List.copyOf(classCodes);
        serviceLines = serviceLines == null ? List.of() : List.copyOf(serviceLines);
    }

    /** Whether the Encounter is of a kind that can qualify (class and service line), whenever it finished. */
    boolean qualifyingKind(FinishedEncounter encounter) {
        return (classCodes.isEmpty() || classCodes.contains(encounter.classCode()))
                && (serviceLines.isEmpty() || serviceLines.contains(encounter.serviceLine()));
    }

    /**
     * Whether an Encounter finished at {@code finishedAt} is within the window of a referral made at {@code
     * referredAt}. Only the end is bounded: an Encounter that finished before the referral was recorded (it reached us
     * first) is within it; whether the patient was new then is the existing-patient rule's question, not this one's.
     */
    boolean withinWindow(Instant referredAt, Instant finishedAt) {
        return !finishedAt.isAfter(referredAt.plus(Duration.ofDays(withinDays)));
    }
}
