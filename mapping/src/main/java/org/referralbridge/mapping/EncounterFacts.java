package org.referralbridge.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one Encounter that decide whether a referral qualifies.
 *
 * @param encounterId id of the Encounter, without base URL or version
 * @param patientId id of the subject Patient; empty when the subject is not a Patient
 * @param status the Encounter status code as the EHR has it (e.g. {@code finished}, {@code cancelled})
 * @param classCode the class code (e.g. {@code AMB}, {@code EMER}, {@code IMP})
 * @param serviceLine the program service line this Encounter belongs to, after the profile's code map
 * @param periodStart start of the Encounter; a date without a time reads as the start of that day in UTC
 * @param periodEnd end of the Encounter, read like {@code periodStart}
 * @param unmappedServiceLines the service-line values found that the profile's {@code serviceLineMap} did not know,
 *     when none of them was known; empty when one was, or when the profile has no {@code serviceLineMap}
 */
public record EncounterFacts(
        String encounterId,
        Optional<String> patientId,
        Optional<String> status,
        Optional<String> classCode,
        Optional<String> serviceLine,
        Optional<OffsetDateTime> periodStart,
        Optional<OffsetDateTime> periodEnd,
        List<Datum> unmappedServiceLines) {

    public EncounterFacts {
        Objects.requireNonNull(encounterId, "encounterId");
        patientId = Objects.requireNonNullElse(patientId, Optional.empty());
        status = Objects.requireNonNullElse(status, Optional.empty());
        classCode = Objects.requireNonNullElse(classCode, Optional.empty());
        serviceLine = Objects.requireNonNullElse(serviceLine, Optional.empty());
        periodStart = Objects.requireNonNullElse(periodStart, Optional.empty());
        periodEnd = Objects.requireNonNullElse(periodEnd, Optional.empty());
        unmappedServiceLines = unmappedServiceLines == null ? List.of() : List.copyOf(unmappedServiceLines);
    }

    /** Facts without unmapped service lines. */
    public EncounterFacts(
            String encounterId,
            Optional<String> patientId,
            Optional<String> status,
            Optional<String> classCode,
            Optional<String> serviceLine,
            Optional<OffsetDateTime> periodStart,
            Optional<OffsetDateTime> periodEnd) {
        this(encounterId, patientId, status, classCode, serviceLine, periodStart, periodEnd, List.of());
    }
}
