package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/** Builds a {@link DryRun}: the evaluator's answer for one resource, with a trace and notes instead of exceptions. */
final class ProfileDryRun {

    private final ProfileEvaluator evaluator;
    private final Optional<EvidenceRules> patientRules;
    private final Optional<EvidenceRules> questionnaireRules;
    private final EncounterRules encounterRules;
    private final CoverageRules coverageRules;

    ProfileDryRun(
            ProfileEvaluator evaluator,
            Optional<EvidenceRules> patientRules,
            Optional<EvidenceRules> questionnaireRules,
            EncounterRules encounterRules,
            CoverageRules coverageRules) {
        this.evaluator = evaluator;
        this.patientRules = patientRules;
        this.questionnaireRules = questionnaireRules;
        this.encounterRules = encounterRules;
        this.coverageRules = coverageRules;
    }

    DryRun of(IBaseResource resource) {
        String type = resource.fhirType();
        String id = Optional.ofNullable(resource.getIdElement().getIdPart()).orElse("");
        Result result = new Result(type, id);
        if (!(resource instanceof Resource)) {
            result.notes.add("Not an R4 resource; mapping profiles read FHIR R4 only");
        } else if (id.isBlank()) {
            result.notes.add("The %s has no id, so nothing is read from it".formatted(type));
        } else {
            switch (type) {
                case "Patient" -> patient(resource, result);
                case "QuestionnaireResponse" -> questionnaireResponse(resource, result);
                case "Encounter" -> encounter(resource, result);
                case "Coverage" -> coverage(resource, result);
                default ->
                    result.notes.add(
                            "%s resources are not read by mapping profiles; they read Patient, ".formatted(type)
                                    + "QuestionnaireResponse, Encounter and Coverage");
            }
        }
        return result.toDryRun();
    }

    private void patient(IBaseResource resource, Result result) {
        if (patientRules.isEmpty()) {
            result.notes.add("This profile reads no evidence from Patient resources (it has no patient section)");
            return;
        }
        result.trace.addAll(patientRules.get().trace(resource));
        evidence(result, () -> evaluator.patientEvidence(resource));
    }

    private void questionnaireResponse(IBaseResource resource, Result result) {
        if (questionnaireRules.isEmpty()) {
            result.notes.add("This profile reads no evidence from QuestionnaireResponse resources "
                    + "(it has no questionnaireResponse section)");
            return;
        }
        EvidenceRules rules = questionnaireRules.get();
        String questionnaire = ((QuestionnaireResponse) resource).getQuestionnaire();
        result.trace.addAll(rules.trace(resource));
        if (!rules.reads(questionnaire)) {
            result.notes.add("QuestionnaireResponse of questionnaire %s is not read by this profile; it reads %s"
                    .formatted(
                            questionnaire == null ? "(none named)" : questionnaire,
                            String.join(", ", rules.questionnaires())));
            return;
        }
        if (evaluate(result, () -> rules.patientId(resource)).isEmpty()) {
            result.notes.add("The subject is not a Patient the profile can name (questionnaireResponse.patient), "
                    + "so there is no evidence");
            return;
        }
        evidence(result, () -> evaluator.questionnaireEvidence(resource));
    }

    private void evidence(Result result, Evaluation<Optional<ReferralEvidence>> evaluation) {
        Optional<ReferralEvidence> evidence = evaluate(result, evaluation).flatMap(found -> found);
        if (evidence.isEmpty()) {
            if (result.notes.isEmpty()) {
                result.notes.add("No referral evidence: no referral code, channel or referrer was found");
            }
            return;
        }
        ReferralEvidence found = evidence.get();
        result.evidence = evidence;
        result.lookups.addAll(evaluator.profile().referrerMatching().lookupsFor(found));
        if (!found.unmappedChannels().isEmpty()) {
            result.notes.add("Channel values the channelMap does not know: %s; the channel is channelDefault (%s)"
                    .formatted(join(found.unmappedChannels()), found.channel().code()));
        }
        if (result.lookups.isEmpty()) {
            result.notes.add("No referrer lookup: the evidence gives nothing referrerMatching.by %s can match on"
                    .formatted(evaluator.profile().referrerMatching().order().stream()
                            .map(ReferrerMatching.Strategy::profileKey)
                            .toList()));
        }
    }

    private void encounter(IBaseResource resource, Result result) {
        result.trace.addAll(encounterRules.trace(resource));
        result.encounter = evaluate(result, () -> evaluator.encounterFacts(resource));
        result.encounter
                .filter(facts -> !facts.unmappedServiceLines().isEmpty())
                .ifPresent(facts -> result.notes.add(
                        "Service-line values the serviceLineMap does not know: " + join(facts.unmappedServiceLines())));
    }

    private void coverage(IBaseResource resource, Result result) {
        result.trace.addAll(coverageRules.trace(resource));
        result.coverage = evaluate(result, () -> evaluator.coverageFacts(resource));
    }

    /** The value, or empty with a note when a profile expression failed on the resource. */
    private static <T> Optional<T> evaluate(Result result, Evaluation<T> evaluation) {
        try {
            return Optional.of(evaluation.run());
        } catch (MappingEvaluationFailed e) {
            result.notes.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static String join(List<Datum> values) {
        return values.stream().map(Datum::toString).collect(Collectors.joining(", "));
    }

    private interface Evaluation<T> {
        T run();
    }

    /** The parts of a dry run while it is built. */
    private static final class Result {
        private final String type;
        private final String id;
        private Optional<ReferralEvidence> evidence = Optional.empty();
        private Optional<EncounterFacts> encounter = Optional.empty();
        private Optional<CoverageFacts> coverage = Optional.empty();
        private final List<ReferrerLookup> lookups = new ArrayList<>();
        private final List<TraceStep> trace = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Result(String type, String id) {
            this.type = type;
            this.id = id;
        }

        DryRun toDryRun() {
            return new DryRun(type, id, evidence, encounter, coverage, lookups, trace, notes);
        }
    }
}
