package org.referralbridge.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one {@link MappingProfile} against FHIR R4 resources and returns plain records without HAPI types.
 *
 * <p>Every FHIRPath expression is compiled once, here. Thread-safe after construction: build one per profile and share
 * it. Failures name the resource type and id only, never its contents.
 */
public final class ProfileEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ProfileEvaluator.class);

    private final MappingProfile profile;
    private final Optional<EvidenceRules> patientRules;
    private final Optional<EvidenceRules> questionnaireRules;
    private final EncounterRules encounterRules;
    private final CoverageRules coverageRules;
    private final ProfileDryRun dryRun;

    /**
     * @param fhirContext the application's FHIR R4 context (shared, never one per call)
     * @param profile a profile from {@link MappingProfiles}
     * @throws IllegalArgumentException when the context is not for FHIR R4
     */
    public ProfileEvaluator(FhirContext fhirContext, MappingProfile profile) {
        MappingProfiles.requireR4(fhirContext);
        this.profile = Objects.requireNonNull(profile, "profile");
        IFhirPath fhirPath = fhirContext.newFhirPath();
        String name = profile.sourceName();
        this.patientRules = profile.patient().map(section -> new EvidenceRules(fhirPath, name, section));
        this.questionnaireRules =
                profile.questionnaireResponse().map(section -> new EvidenceRules(fhirPath, name, section));
        this.encounterRules = new EncounterRules(fhirPath, name, profile.encounter());
        this.coverageRules = new CoverageRules(fhirPath, name, profile.coverage());
        this.dryRun = new ProfileDryRun(this, patientRules, questionnaireRules, encounterRules, coverageRules);
    }

    public MappingProfile profile() {
        return profile;
    }

    /**
     * The referral evidence a Patient carries.
     *
     * @return empty when the Patient carries no referral code, channel or referrer (reference, identifier or description), or the profile reads no Patient
     *     evidence
     * @throws IllegalArgumentException when the resource is not an R4 Patient with an id
     * @throws MappingEvaluationFailed when a profile expression fails on this resource
     */
    public Optional<ReferralEvidence> patientEvidence(IBaseResource patient) {
        String id = requireType(patient, "Patient");
        return patientRules.flatMap(rules -> rules.evidence(patient, id, id));
    }

    /**
     * The referral evidence in a QuestionnaireResponse (e.g. an intake form's "Who referred you?" answer).
     *
     * @return empty when the profile reads no QuestionnaireResponse evidence or not this questionnaire's, when the
     *     subject is not a Patient, or when the answers hold no referral code, channel or referrer (reference, identifier or description)
     * @throws IllegalArgumentException when the resource is not an R4 QuestionnaireResponse with an id
     * @throws MappingEvaluationFailed when a profile expression fails on this resource
     */
    public Optional<ReferralEvidence> questionnaireEvidence(IBaseResource questionnaireResponse) {
        String id = requireType(questionnaireResponse, "QuestionnaireResponse");
        Optional<EvidenceRules> rules = questionnaireRules.filter(
                r -> r.reads(((QuestionnaireResponse) questionnaireResponse).getQuestionnaire()));
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> patientId = rules.get().patientId(questionnaireResponse);
        if (patientId.isEmpty()) {
            log.debug("QuestionnaireResponse/{}: no Patient subject, so no referral evidence", id);
            return Optional.empty();
        }
        return rules.get().evidence(questionnaireResponse, id, patientId.get());
    }

    /**
     * The qualification facts of an Encounter.
     *
     * @throws IllegalArgumentException when the resource is not an R4 Encounter with an id
     * @throws MappingEvaluationFailed when a profile expression fails on this resource
     */
    public EncounterFacts encounterFacts(IBaseResource encounter) {
        return encounterRules.facts(encounter, requireType(encounter, "Encounter"));
    }

    /**
     * The compliance facts of a Coverage.
     *
     * @throws IllegalArgumentException when the resource is not an R4 Coverage with an id
     * @throws MappingEvaluationFailed when a profile expression fails on this resource
     */
    public CoverageFacts coverageFacts(IBaseResource coverage) {
        return coverageRules.facts(coverage, requireType(coverage, "Coverage"));
    }

    /**
     * What the profile makes of any resource, with the trace of every expression it evaluated and notes on what is
     * missing. Changes nothing and never throws for the resource's content: a resource type profiles do not read, a
     * missing id or a failing expression becomes a note.
     *
     * @throws NullPointerException when the resource is null
     */
    public DryRun dryRun(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        return dryRun.of(resource);
    }

    /** The resource's id, after checking its type; messages name type and id only (no PHI). */
    private static String requireType(IBaseResource resource, String expectedType) {
        Objects.requireNonNull(resource, expectedType);
        String actualType = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        if (!expectedType.equals(actualType) || !(resource instanceof Resource)) {
            throw new IllegalArgumentException(
                    "Expected an R4 %s but got %s%s".formatted(expectedType, actualType, id == null ? "" : "/" + id));
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The %s has no id".formatted(expectedType));
        }
        return id;
    }
}
