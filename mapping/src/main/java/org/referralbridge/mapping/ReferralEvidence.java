package org.referralbridge.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one EHR resource says about how a patient was referred to the practice (a marketing referral).
 *
 * <p>Produced only when the resource carries at least a referral code, a channel value, a referrer reference, a
 * referrer identifier or a description of the referrer.
 *
 * @param sourceResourceType {@code Patient} or {@code QuestionnaireResponse}
 * @param sourceResourceId id of that resource, without base URL or version
 * @param patientId id of the referred Patient
 * @param referralCode the referral code as the patient gave it, trimmed
 * @param channel the channel, mapped to our codes; the profile's {@code channelDefault} when the EHR's value is missing
 *     or unmapped
 * @param referrerReference a referrer the EHR already names, as {@code Type/id} (e.g. {@code Patient/123})
 * @param program key of the referral program
 * @param capturedAt when the referral was captured; a date without a time reads as the start of that day in UTC
 * @param method how the referral was captured (a code, passed through as the EHR has it)
 * @param referrerIdentifier an identifier of the referrer (e.g. a member number), with its system when known
 * @param referrerDescription the referrer as described in the resource (name, birth date, phone, email); PHI
 * @param unmappedChannels the channel values found that neither the profile's {@code channelMap} knew nor are our own
 *     codes, when they decided nothing (the channel then is {@code channelDefault}); empty when none
 */
public record ReferralEvidence(
        String sourceResourceType,
        String sourceResourceId,
        String patientId,
        Optional<String> referralCode,
        ReferralChannel channel,
        Optional<String> referrerReference,
        Optional<String> program,
        Optional<OffsetDateTime> capturedAt,
        Optional<String> method,
        Optional<ReferrerIdentifier> referrerIdentifier,
        Optional<ReferrerDescription> referrerDescription,
        List<Datum> unmappedChannels) {

    public ReferralEvidence {
        Objects.requireNonNull(sourceResourceType, "sourceResourceType");
        Objects.requireNonNull(sourceResourceId, "sourceResourceId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(channel, "channel");
        referralCode = Objects.requireNonNullElse(referralCode, Optional.empty());
        referrerReference = Objects.requireNonNullElse(referrerReference, Optional.empty());
        program = Objects.requireNonNullElse(program, Optional.empty());
        capturedAt = Objects.requireNonNullElse(capturedAt, Optional.empty());
        method = Objects.requireNonNullElse(method, Optional.empty());
        referrerIdentifier = Objects.requireNonNullElse(referrerIdentifier, Optional.empty());
        referrerDescription = Objects.requireNonNullElse(referrerDescription, Optional.empty());
        unmappedChannels = unmappedChannels == null ? List.of() : List.copyOf(unmappedChannels);
    }

    /** Evidence without referrer identifier, description or unmapped channels (the record's first nine fields). */
    public ReferralEvidence(
            String sourceResourceType,
            String sourceResourceId,
            String patientId,
            Optional<String> referralCode,
            ReferralChannel channel,
            Optional<String> referrerReference,
            Optional<String> program,
            Optional<OffsetDateTime> capturedAt,
            Optional<String> method) {
        this(
                sourceResourceType,
                sourceResourceId,
                patientId,
                referralCode,
                channel,
                referrerReference,
                program,
                capturedAt,
                method,
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
