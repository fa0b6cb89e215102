package org.referralbridge.mapping;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.referralbridge.conformance.Canonicals;

/** The compiled evidence section of a profile for one resource type (Patient or QuestionnaireResponse). */
final class EvidenceRules {

    private final MappingProfile.Evidence section;
    private final CompiledPaths patient;
    private final CompiledPaths referralCode;
    private final CompiledPaths channel;
    private final CompiledPaths referrer;
    private final CompiledPaths program;
    private final CompiledPaths capturedDate;
    private final CompiledPaths method;
    private final CompiledPaths referrerIdentifier;
    private final CompiledPaths referrerName;
    private final CompiledPaths referrerGiven;
    private final CompiledPaths referrerFamily;
    private final CompiledPaths referrerBirthDate;
    private final CompiledPaths referrerPhone;
    private final CompiledPaths referrerEmail;

    EvidenceRules(IFhirPath fhirPath, String profileName, MappingProfile.Evidence section) {
        this.section = section;
        this.patient = CompiledPaths.compile(fhirPath, profileName, section.patient());
        this.referralCode = CompiledPaths.compile(fhirPath, profileName, section.referralCode());
        this.channel = CompiledPaths.compile(fhirPath, profileName, section.channel());
        this.referrer = CompiledPaths.compile(fhirPath, profileName, section.referrer());
        this.program = CompiledPaths.compile(fhirPath, profileName, section.program());
        this.capturedDate = CompiledPaths.compile(fhirPath, profileName, section.capturedDate());
        this.method = CompiledPaths.compile(fhirPath, profileName, section.method());
        MappingProfile.ReferrerDetails details = section.referrerDetails();
        this.referrerIdentifier = CompiledPaths.compile(fhirPath, profileName, details.identifier());
        this.referrerName = CompiledPaths.compile(fhirPath, profileName, details.name());
        this.referrerGiven = CompiledPaths.compile(fhirPath, profileName, details.given());
        this.referrerFamily = CompiledPaths.compile(fhirPath, profileName, details.family());
        this.referrerBirthDate = CompiledPaths.compile(fhirPath, profileName, details.birthDate());
        this.referrerPhone = CompiledPaths.compile(fhirPath, profileName, details.phone());
        this.referrerEmail = CompiledPaths.compile(fhirPath, profileName, details.email());
    }

    String resourceType() {
        return section.resourceType();
    }

    List<String> questionnaires() {
        return section.questionnaires();
    }

    /** Whether the profile reads responses to this questionnaire (canonical URL, with or without a version). */
    boolean reads(String questionnaireCanonical) {
        if (section.questionnaires().isEmpty()) {
            return true;
        }
        if (questionnaireCanonical == null) {
            return false;
        }
        int bar = questionnaireCanonical.indexOf('|');
        String url = bar < 0 ? questionnaireCanonical : questionnaireCanonical.substring(0, bar);
        return section.questionnaires().contains(url);
    }

    Optional<String> patientId(IBaseResource resource) {
        return patient.first(resource, FhirReferences::patientId);
    }

    /** What every expression of the section yields on the resource, in the order of the fields. */
    List<TraceStep> trace(IBaseResource resource) {
        List<TraceStep> steps = new ArrayList<>();
        for (CompiledPaths paths : List.of(
                patient,
                referralCode,
                channel,
                referrer,
                referrerIdentifier,
                referrerName,
                referrerGiven,
                referrerFamily,
                referrerBirthDate,
                referrerPhone,
                referrerEmail,
                program,
                capturedDate,
                method)) {
            steps.addAll(paths.trace(resource));
        }
        return steps;
    }

    /** The evidence, or empty when the resource names no referral code, channel or referrer in any way. */
    Optional<ReferralEvidence> evidence(IBaseResource resource, String resourceId, String patientId) {
        Optional<String> code = referralCode.firstText(resource);
        List<Datum> channels = channel.firstValues(resource);
        Optional<String> referrerReference = referrer.first(resource, FhirReferences::typedReference);
        Optional<ReferrerIdentifier> identifier = referrerIdentifier.firstElement(
                resource,
                element -> ReferrerReading.identifier(
                        element, section.referrerDetails().identifierSystem().orElse(null)));
        Optional<ReferrerDescription> description = description(resource);
        if (code.isEmpty()
                && channels.isEmpty()
                && referrerReference.isEmpty()
                && identifier.isEmpty()
                && description.isEmpty()) {
            return Optional.empty();
        }
        Optional<ReferralChannel> known = knownChannel(channels);
        return Optional.of(new ReferralEvidence(
                section.resourceType(),
                resourceId,
                patientId,
                code,
                known.orElse(section.channelDefault()),
                referrerReference,
                program.firstText(resource),
                capturedDate.first(resource, value -> FhirDateTimes.parse(value.value())),
                method.firstText(resource),
                identifier,
                description,
                known.isPresent() ? List.of() : channels));
    }

    private Optional<ReferrerDescription> description(IBaseResource resource) {
        ReferrerDescription description = new ReferrerDescription(
                referrerName.firstText(resource),
                referrerGiven.firstText(resource),
                referrerFamily.firstText(resource),
                referrerBirthDate.first(resource, ReferrerReading::date),
                referrerPhone.firstText(resource),
                referrerEmail.firstText(resource));
        return description.isEmpty() ? Optional.empty() : Optional.of(description);
    }

    /** The first value the map knows or that is already one of our codes; empty when none is. */
    private Optional<ReferralChannel> knownChannel(List<Datum> values) {
        for (Datum value : values) {
            Optional<ReferralChannel> mapped =
                    section.channelMap().lookup(value).flatMap(ReferralChannel::fromCode);
            if (mapped.isPresent()) {
                return mapped;
            }
            boolean ours = value.system() == null || value.system().equals(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
            Optional<ReferralChannel> own = ours ? ReferralChannel.fromCode(value.value()) : Optional.empty();
            if (own.isPresent()) {
                return own;
            }
        }
        return Optional.empty();
    }
}
