package org.referralbridge.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ConsentRecognition;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Consent changed in the EHR: read it, and when it is one of the program's three consents (as the mapping profile
 * recognises them: by default a category code of the {@code referral-consent-kind} CodeSystem or one of the package's
 * Consent profiles), hand it to the consent module as a statement. Other Consents (treatment, research...) are not the program's business and are left alone.
 */
class ConsentChanges {

    private static final Logger log = LoggerFactory.getLogger(ConsentChanges.class);

    private final EhrClient ehr;
    private final ConsentState consents;
    private final ConsentRecognition recognition;

    /** @param recognition how the connection's mapping profile recognises the program's consents */
    ConsentChanges(EhrClient ehr, ConsentState consents, ConsentRecognition recognition) {
        this.ehr = ehr;
        this.consents = consents;
        this.recognition = recognition;
    }

    void changed(String consentId) {
        Optional<Consent> consent = ehr.read(Consent.class, consentId);
        if (consent.isEmpty()) {
            log.debug("Consent/{} is gone from the EHR; nothing to do", consentId);
            return;
        }
        java.util.UUID ours = consent.get().getIdentifier().stream()
                .filter(identifier -> Consents.IDENTIFIER_SYSTEM.equals(identifier.getSystem()))
                .map(identifier -> {
                    try {
                        return java.util.UUID.fromString(identifier.getValue());
                    } catch (IllegalArgumentException | NullPointerException e) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        java.time.Instant lastUpdated = consent.get().getMeta().getLastUpdated() == null
                ? null
                : consent.get().getMeta().getLastUpdated().toInstant();
        statement(consent.get(), recognition).ifPresent(statement -> consents.fromEhr(statement, ours, lastUpdated));
    }

    /** The program's reading of a Consent, or empty when it is none of the program's consents or names no patient. */
    static Optional<ConsentStatement> statement(Consent consent, ConsentRecognition recognition) {
        List<String> categories = consent.getCategory().stream()
                .flatMap(category -> category.getCoding().stream())
                .map(coding -> coding.getSystem() + "|" + coding.getCode())
                .toList();
        List<String> profiles = consent.getMeta().getProfile().stream()
                .map(org.hl7.fhir.r4.model.CanonicalType::getValue)
                .toList();
        Optional<ConsentKind> kind = recognition.kindOf(categories, profiles).flatMap(ConsentKind::ofCode);
        Optional<String> patient = patientId(consent.getPatient());
        if (kind.isEmpty() || patient.isEmpty() || consent.getStatus() == null) {
            return Optional.empty();
        }
        Consent.ProvisionComponent provision = consent.getProvision();
        String actor = null;
        if (kind.get() == ConsentKind.REFERRAL_DISCLOSURE) {
            actor = provision.getActor().stream()
                    .map(Consent.provisionActorComponent::getReference)
                    .map(ConsentChanges::patientId)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse(null);
            if (actor == null) {
                return Optional.empty();
            }
        }
        List<String> channels = new ArrayList<>();
        for (CodeableConcept code : provision.getCode()) {
            for (Coding coding : code.getCoding()) {
                if (ProgramMessagesConsent.CHANNEL_CODE_SYSTEM.equals(coding.getSystem())
                        || ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM.equals(coding.getSystem())) {
                    channels.add(coding.getCode());
                }
            }
        }
        if (kind.get() != ConsentKind.REFERRAL_DISCLOSURE && channels.isEmpty()) {
            return Optional.empty();
        }
        boolean permit = provision.getType() != Consent.ConsentProvisionType.DENY;
        boolean written = consent.hasSourceAttachment() || consent.hasSourceReference();
        String status = consent.getStatus().toCode();
        if (!ConsentStatement.STATUSES.contains(status)) {
            // draft, entered-in-error: nothing the program may rely on
            status = ConsentStatement.INACTIVE;
        }
        return Optional.of(new ConsentStatement(
                kind.get(),
                patient.get(),
                actor,
                channels,
                permit,
                status,
                written,
                consent.hasDateTime() ? consent.getDateTime().toInstant() : null,
                consent.getIdElement().getIdPart()));
    }

    private static Optional<String> patientId(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference.getReference());
        return "Patient".equals(id.getResourceType()) && id.hasIdPart()
                ? Optional.of(id.getIdPart())
                : Optional.empty();
    }
}
