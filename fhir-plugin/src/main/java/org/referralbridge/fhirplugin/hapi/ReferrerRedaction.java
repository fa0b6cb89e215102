package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a patient-facing response may not show of a referred Patient: the {@code referrer} sub-extension of each
 * {@code referral-source} extension, unless the {@link ReferrerDisclosure} says this referrer allows it. Nothing
 * else changes: the other sub-extensions (channel, code, program, …), other extensions, the narrative and every
 * other element stay as stored. Resources other than Patient, and Patients without a referrer, are never touched.
 *
 * <p>A disclosure that fails (e.g. its Consent search) counts as "not allowed".
 *
 * <p>It never changes the resource it is given: it returns a redacted copy, which carries the HAPI metadata the
 * response needs (e.g. whether a search entry is a match or an include).
 */
final class ReferrerRedaction {

    private static final Logger log = LoggerFactory.getLogger(ReferrerRedaction.class);

    /** HAPI's metadata kept in a resource's user data, which {@code copy()} does not carry over. */
    private static final List<ResourceMetadataKeyEnum<?>> METADATA = List.of(
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE,
            ResourceMetadataKeyEnum.ENTRY_SEARCH_SCORE,
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD,
            ResourceMetadataKeyEnum.DELETED_AT,
            ResourceMetadataKeyEnum.PUBLISHED,
            ResourceMetadataKeyEnum.UPDATED,
            ResourceMetadataKeyEnum.VERSION,
            ResourceMetadataKeyEnum.VERSION_ID);

    private final ReferrerDisclosure disclosure;
    /** The answers of the disclosure within one response (a search may list many Patients of one referrer). */
    private final Map<String, Boolean> answers = new HashMap<>();

    /** One per response: it remembers the disclosure's answers for that response only. */
    ReferrerRedaction(ReferrerDisclosure disclosure) {
        this.disclosure = disclosure;
    }

    /** A copy of {@code resource} without the referrers it may not show, or empty when it may be shown as it is. */
    Optional<IBaseResource> redacted(IBaseResource resource) {
        if (!(resource instanceof Patient patient) || !hidesSomething(patient)) {
            return Optional.empty();
        }
        Patient copy = patient.copy();
        METADATA.forEach(key -> copyMetadata(key, patient, copy));
        for (Extension source : copy.getExtensionsByUrl(ReferralSource.URL)) {
            source.getExtension().removeIf(child -> isReferrer(child) && !allowed(child, patient));
        }
        return Optional.of(copy);
    }

    private boolean hidesSomething(Patient patient) {
        return patient.getExtensionsByUrl(ReferralSource.URL).stream()
                .flatMap(source -> source.getExtension().stream())
                .anyMatch(child -> isReferrer(child) && !allowed(child, patient));
    }

    private static boolean isReferrer(Extension child) {
        return ReferralSource.REFERRER.equals(child.getUrl());
    }

    /** A referrer the disclosure cannot be asked about (no reference, only a display or identifier) is hidden. */
    private boolean allowed(Extension referrer, Patient patient) {
        if (!(referrer.getValue() instanceof Reference reference)
                || !reference.hasReferenceElement()
                || !reference.getReferenceElement().hasResourceType()
                || !reference.getReferenceElement().hasIdPart()
                || !patient.getIdElement().hasIdPart()) {
            return false;
        }
        IIdType referrerId = reference.getReferenceElement().toUnqualifiedVersionless();
        IIdType patientId = patient.getIdElement().toUnqualifiedVersionless();
        if (!patientId.hasResourceType()) {
            patientId = patientId.withResourceType("Patient");
        }
        IIdType referred = patientId;
        return answers.computeIfAbsent(
                referrerId.getValue() + " " + referred.getValue(), key -> ask(referrerId, referred));
    }

    /** A disclosure that fails hides the referrer: the response still goes out, showing no more than it may. */
    private boolean ask(IIdType referrer, IIdType referred) {
        try {
            return disclosure.allowsShowing(referrer, referred);
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not tell whether {} may be shown to {} ({}); hidden",
                    referrer.getValue(),
                    referred.getValue(),
                    failure.getClass().getSimpleName());
            return false;
        }
    }

    private static <T> void copyMetadata(ResourceMetadataKeyEnum<T> key, Patient from, Patient to) {
        T value = key.get(from);
        if (value != null) {
            key.put(to, value);
        }
    }
}
