package org.referralbridge.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a profile makes of one resource, with every expression it evaluated and what each yielded: for a clinic's IT to
 * check a profile against their own data before using it. Producing one changes nothing.
 *
 * @param resourceType the resource's type
 * @param resourceId its id, empty text when it has none
 * @param evidence the referral evidence (Patient, QuestionnaireResponse), as the evaluator would return it
 * @param encounter the Encounter facts (Encounter)
 * @param coverage the Coverage facts (Coverage)
 * @param lookups the referrer lookups the evidence leads to, in the profile's order
 * @param trace every profile expression evaluated on the resource, in the order of the profile's fields
 * @param notes why something is missing or unusual, e.g. a questionnaire the profile does not read; no values
 */
public record DryRun(
        String resourceType,
        String resourceId,
        Optional<ReferralEvidence> evidence,
        Optional<EncounterFacts> encounter,
        Optional<CoverageFacts> coverage,
        List<ReferrerLookup> lookups,
        List<TraceStep> trace,
        List<String> notes) {

    public DryRun {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        evidence = Objects.requireNonNullElse(evidence, Optional.empty());
        encounter = Objects.requireNonNullElse(encounter, Optional.empty());
        coverage = Objects.requireNonNullElse(coverage, Optional.empty());
        lookups = List.copyOf(lookups);
        trace = List.copyOf(trace);
        notes = List.copyOf(notes);
    }
}
