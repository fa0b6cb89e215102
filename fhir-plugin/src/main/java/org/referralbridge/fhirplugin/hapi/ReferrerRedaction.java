package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.hapi.ReferrerDisclosure.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a patient-facing response may not show of a referred Patient: the {@code referrer} sub-extension of each
 * {@code referral-source} extension, unless the {@link ReferrerDisclosure} says this referrer allows it. Nothing
 * else changes: the other sub-extensions (channel, code, program, …), other extensions, the narrative and every
 * other element stay as stored. Resources other than Patient, and Patients without a referrer, are never touched.
 *
 * <p>A disclosure that fails (e.g. its Consent search) counts as "not allowed" (reason {@value
 * ReferrerDisclosure.Decision#LOOKUP_FAILED}).
 *
 * <p>Each decision, shown or hidden, goes to the {@link DisclosureAudit} once per referrer and referred Patient in
 * the response (a history lists many versions of one Patient), with who asked, from where and when.
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
    private final DisclosureAudit audit;
    private final Caller caller;
    /** The decisions within one response (a search may list many Patients of one referrer). */
    private final Map<String, Boolean> answers = new HashMap<>();

    /** Who a patient-facing response goes to, and when it is built, as the audit trail records it. */
    record Caller(String requester, String address, Instant at) {}

    /** One per response: it remembers (and reports) the disclosure's decisions for that response only. */
    ReferrerRedaction(ReferrerDisclosure disclosure, DisclosureAudit audit, Caller caller) {
        this.disclosure = disclosure;
        this.audit = audit;
        this.caller = caller;
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
        if (!patient.getIdElement().hasIdPart()) {
            // nothing to audit it against; a JPA server shows no Patient without an id
            return false;
        }
        IIdType patientId = patient.getIdElement().toUnqualifiedVersionless();
        if (!patientId.hasResourceType()) {
            patientId = patientId.withResourceType("Patient");
        }
        IIdType referred = patientId;
        if (!(referrer.getValue() instanceof Reference reference)
                || !reference.hasReferenceElement()
                || !reference.getReferenceElement().hasResourceType()
                || !reference.getReferenceElement().hasIdPart()) {
            return answers.computeIfAbsent(
                    "- " + referred.getValue(),
                    key -> reported(null, referred, Decision.hidden(Decision.REFERRER_NOT_REFERENCED)));
        }
        IIdType referrerId = reference.getReferenceElement().toUnqualifiedVersionless();
        return answers.computeIfAbsent(
                referrerId.getValue() + " " + referred.getValue(),
                key -> reported(referrerId, referred, ask(referrerId, referred)));
    }

    /** A disclosure that fails hides the referrer: the response still goes out, showing no more than it may. */
    private Decision ask(IIdType referrer, IIdType referred) {
        try {
            return Objects.requireNonNull(disclosure.decide(referrer, referred), "decision");
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not tell whether {} may be shown to {} ({}); hidden",
                    referrer.getValue(),
                    referred.getValue(),
                    failure.getClass().getSimpleName());
            return Decision.hidden(Decision.LOOKUP_FAILED);
        }
    }

    /** Reports the decision; an audit that fails does not fail the response. */
    private boolean reported(IIdType referrer, IIdType referred, Decision decision) {
        DisclosureDecision recorded = new DisclosureDecision(
                referred.getValue(),
                referrer == null ? null : referrer.getValue(),
                decision.shown(),
                decision.consent() == null ? null : decision.consent().getValue(),
                decision.reason(),
                caller.requester(),
                caller.address(),
                caller.at());
        try {
            audit.record(recorded);
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not audit the {} decision for {} ({})",
                    recorded.action(),
                    referred.getValue(),
                    failure.getClass().getSimpleName());
        }
        return decision.shown();
    }

    private static <T> void copyMetadata(ResourceMetadataKeyEnum<T> key, Patient from, Patient to) {
        T value = key.get(from);
        if (value != null) {
            key.put(to, value);
        }
    }
}
