package org.referralbridge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded and checked mapping profile: where one EHR keeps referral evidence, and where results go back.
 *
 * <p>Immutable. Obtain one from {@link MappingProfiles}; evaluate it with a {@link ProfileEvaluator}.
 */
public final class MappingProfile {

    private final String name;
    private final Optional<String> description;
    private final String sourceName;
    private final Optional<Evidence> patient;
    private final Optional<Evidence> questionnaireResponse;
    private final Encounter encounter;
    private final Coverage coverage;
    private final ReferrerMatching referrerMatching;
    private final WriteBackTargets writeBack;
    private final List<String> precedence;
    private final ConsentRecognition consent;

    MappingProfile(
            String name,
            Optional<String> description,
            String sourceName,
            Optional<Evidence> patient,
            Optional<Evidence> questionnaireResponse,
            Encounter encounter,
            Coverage coverage,
            ReferrerMatching referrerMatching,
            WriteBackTargets writeBack,
            List<String> precedence,
            ConsentRecognition consent) {
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.sourceName = Objects.requireNonNull(sourceName);
        this.patient = patient;
        this.questionnaireResponse = questionnaireResponse;
        this.encounter = Objects.requireNonNull(encounter);
        this.coverage = Objects.requireNonNull(coverage);
        this.referrerMatching = Objects.requireNonNull(referrerMatching);
        this.writeBack = Objects.requireNonNull(writeBack);
        this.precedence = List.copyOf(precedence);
        this.consent = Objects.requireNonNull(consent);
    }

    /** How this EHR's Consents of the program's three kinds are recognised ({@code consent} section, else ours). */
    public ConsentRecognition consent() {
        return consent;
    }

    /** The profile's {@code name}. */
    public String name() {
        return name;
    }

    public Optional<String> description() {
        return description;
    }

    /** Where the profile was loaded from (a file name, or the name given to {@link MappingProfiles#load}). */
    public String sourceName() {
        return sourceName;
    }

    /** Whether the profile reads evidence from Patient resources. */
    public boolean readsPatientEvidence() {
        return patient.isPresent();
    }

    /** Whether the profile reads evidence from QuestionnaireResponse resources. */
    public boolean readsQuestionnaireEvidence() {
        return questionnaireResponse.isPresent();
    }

    public ReferrerMatching referrerMatching() {
        return referrerMatching;
    }

    public WriteBackTargets writeBack() {
        return writeBack;
    }

    /**
     * The evidence resource types, highest rank first: when a patient has evidence from several, the first type's
     * evidence decides a referral that is not yet linked to a referrer. Always both {@code Patient} and {@code
     * QuestionnaireResponse}; default {@code [Patient, QuestionnaireResponse]}.
     */
    public List<String> precedence() {
        return precedence;
    }

    /**
     * The rank of evidence from this resource type, 0 the highest.
     *
     * @throws IllegalArgumentException for a type that is not an evidence type (Patient, QuestionnaireResponse)
     */
    public int rank(String sourceResourceType) {
        int rank = precedence.indexOf(sourceResourceType);
        if (rank < 0) {
            throw new IllegalArgumentException("'%s' is not an evidence resource type; expected one of %s"
                    .formatted(sourceResourceType, precedence));
        }
        return rank;
    }

    Optional<Evidence> patient() {
        return patient;
    }

    Optional<Evidence> questionnaireResponse() {
        return questionnaireResponse;
    }

    Encounter encounter() {
        return encounter;
    }

    Coverage coverage() {
        return coverage;
    }

    @Override
    public String toString() {
        return "MappingProfile[" + name + " from " + sourceName + "]";
    }

    /** FHIRPath alternatives for one field; the first that yields a usable value wins. */
    record FhirPaths(List<Expression> alternatives) {
        static final FhirPaths NONE = new FhirPaths(List.of());

        FhirPaths {
            alternatives = List.copyOf(alternatives);
        }

        boolean isEmpty() {
            return alternatives.isEmpty();
        }
    }

    /**
     * One FHIRPath expression and where the profile wrote it.
     *
     * @param location source, line and YAML path, for error messages
     */
    record Expression(String fhirPath, String location) {}

    /**
     * Evidence read from one kind of resource.
     *
     * @param patient QuestionnaireResponse only: the subject patient; for Patient the resource itself is the patient
     * @param questionnaires QuestionnaireResponse only: canonical URLs of the questionnaires to read; empty for all
     */
    record Evidence(
            String resourceType,
            FhirPaths patient,
            List<String> questionnaires,
            FhirPaths referralCode,
            FhirPaths channel,
            CodeMap channelMap,
            ReferralChannel channelDefault,
            FhirPaths referrer,
            FhirPaths program,
            FhirPaths capturedDate,
            FhirPaths method,
            ReferrerDetails referrerDetails) {}

    /**
     * Where an evidence section finds the referrer's identifier and description.
     *
     * @param identifierSystem the system of an identifier that the expression yields as plain text or a code
     */
    record ReferrerDetails(
            FhirPaths identifier,
            Optional<String> identifierSystem,
            FhirPaths name,
            FhirPaths given,
            FhirPaths family,
            FhirPaths birthDate,
            FhirPaths phone,
            FhirPaths email) {}

    record Encounter(
            FhirPaths patient,
            FhirPaths status,
            FhirPaths classCode,
            FhirPaths serviceLine,
            CodeMap serviceLineMap,
            Optional<String> serviceLineDefault,
            FhirPaths periodStart,
            FhirPaths periodEnd) {}

    record Coverage(
            FhirPaths beneficiary,
            FhirPaths status,
            FhirPaths periodStart,
            FhirPaths periodEnd,
            FhirPaths state,
            FhirPaths payerCodes,
            Map<FederalProgram, List<PayerCodePattern>> federalPrograms) {}
}
