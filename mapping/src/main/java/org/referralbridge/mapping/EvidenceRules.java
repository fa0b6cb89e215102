package org.referralbridge.mapping;

import ca.uhn.fhir.fhirpath.IFhirPath;
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

    EvidenceRules(IFhirPath fhirPath, String profileName, MappingProfile.Evidence section) {
        this.section = section;
        this.patient = CompiledPaths.compile(fhirPath, profileName, section.patient());
        this.referralCode = CompiledPaths.compile(fhirPath, profileName, section.referralCode());
        this.channel = CompiledPaths.compile(fhirPath, profileName, section.channel());
        this.referrer = CompiledPaths.compile(fhirPath, profileName, section.referrer());
        this.program = CompiledPaths.compile(fhirPath, profileName, section.program());
        this.capturedDate = CompiledPaths.compile(fhirPath, profileName, section.capturedDate());
        this.method = CompiledPaths.compile(fhirPath, profileName, section.method());
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

    /** The evidence, or empty when the resource has no referral code, channel or referrer at all. */
    Optional<ReferralEvidence> evidence(IBaseResource resource, String resourceId, String patientId) {
        Optional<String> code = referralCode.firstText(resource);
        List<Datum> channels = channel.firstValues(resource);
        Optional<String> referrerReference = referrer.first(resource, FhirReferences::typedReference);
        if (code.isEmpty() && channels.isEmpty() && referrerReference.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReferralEvidence(
                section.resourceType(),
                resourceId,
                patientId,
                code,
                channelOf(channels),
                referrerReference,
                program.firstText(resource),
                capturedDate.first(resource, value -> FhirDateTimes.parse(value.value())),
                method.firstText(resource)));
    }

    /** The first value the map knows or that is already one of our codes; else the profile's default. */
    private ReferralChannel channelOf(List<Datum> values) {
        for (Datum value : values) {
            Optional<ReferralChannel> mapped =
                    section.channelMap().lookup(value).flatMap(ReferralChannel::fromCode);
            if (mapped.isPresent()) {
                return mapped.get();
            }
            boolean ours = value.system() == null || value.system().equals(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
            Optional<ReferralChannel> own = ours ? ReferralChannel.fromCode(value.value()) : Optional.empty();
            if (own.isPresent()) {
                return own.get();
            }
        }
        return section.channelDefault();
    }
}
