package org.referralbridge.server.writeback;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferralDisclosureConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The Consent of a front-desk statement, as the package's profile for its kind wants it: scope {@code
 * patient-privacy}, the kind's category and policy, a permit or deny provision with the referrer as information
 * recipient (disclosure) or the channels (recognition, messages, the latter with purpose {@code HMARKT}), and for a
 * written opt-in a note that the signed form is on file. The narrative names ids only.
 */
final class ConsentResources {

    private ConsentResources() {}

    static String identifierQuery(ConsentPayload payload) {
        return "identifier=" + Consents.IDENTIFIER_SYSTEM + "|" + payload.statementId();
    }

    static Consent newConsent(ConsentPayload payload) {
        Consent consent = new Consent();
        consent.getMeta().addProfile(profile(payload.kind()));
        consent.addIdentifier()
                .setSystem(Consents.IDENTIFIER_SYSTEM)
                .setValue(payload.statementId().toString());
        consent.setScope(
                new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, Consents.SCOPE, "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding(Consents.KIND_CODE_SYSTEM, payload.kind(), null)));
        consent.setPatient(new Reference("Patient/" + payload.patientId()));
        consent.setDateTime(payload.consentedAt() == null ? new Date() : Date.from(payload.consentedAt()));
        consent.addPolicy().setUri(Consents.policy(payload.kind()));
        Consent.ProvisionComponent provision = consent.getProvision();
        if (ReferralDisclosureConsent.CATEGORY.equals(payload.kind())) {
            provision
                    .addActor()
                    .setRole(new CodeableConcept(new Coding(
                            ReferralDisclosureConsent.ACTOR_ROLE_SYSTEM,
                            ReferralDisclosureConsent.ACTOR_ROLE,
                            "information recipient")))
                    .setReference(new Reference("Patient/" + payload.actorPatientId()));
        } else {
            String system = ProgramMessagesConsent.CATEGORY.equals(payload.kind())
                    ? ProgramMessagesConsent.CHANNEL_CODE_SYSTEM
                    : ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM;
            for (String channel : payload.channels()) {
                provision.addCode(new CodeableConcept(new Coding(system, channel, null)));
            }
            if (ProgramMessagesConsent.CATEGORY.equals(payload.kind())) {
                provision.addPurpose(
                        new Coding(ProgramMessagesConsent.PURPOSE_SYSTEM, ProgramMessagesConsent.PURPOSE, "marketing"));
            }
        }
        if (Boolean.TRUE.equals(payload.writtenRecord())) {
            consent.getSourceAttachment()
                    .setTitle("Signed form on file at the practice")
                    .setCreationElement(consent.getDateTimeElement().copy());
        }
        apply(consent, payload);
        return consent;
    }

    /** Our part of the Consent, for a new one or an update of the EHR's: status, decision, narrative. */
    static Consent apply(Consent consent, ConsentPayload payload) {
        consent.setStatus(Consent.ConsentState.fromCode(payload.status()));
        consent.getProvision()
                .setType(
                        Boolean.TRUE.equals(payload.permit())
                                ? Consent.ConsentProvisionType.PERMIT
                                : Consent.ConsentProvisionType.DENY);
        consent.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        consent.getText()
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + narrative(payload) + "</div>");
        return consent;
    }

    /** Whether the EHR's Consent already says what the payload does. */
    static boolean says(Consent consent, ConsentPayload payload) {
        return consent.getStatus() != null
                && consent.getStatus().toCode().equals(payload.status())
                && (consent.getProvision().getType() == Consent.ConsentProvisionType.PERMIT)
                        == Boolean.TRUE.equals(payload.permit());
    }

    private static String narrative(ConsentPayload payload) {
        String decision = Boolean.TRUE.equals(payload.permit()) ? "permits" : "refuses";
        String what = switch (payload.kind()) {
            case ReferralDisclosureConsent.CATEGORY ->
                "that the practice tells Patient/" + payload.actorPatientId() + " they became a patient";
            case ReferrerRecognitionConsent.CATEGORY ->
                "being named publicly as a referrer (" + String.join(", ", payload.channels()) + ")";
            default -> "referral program messages by " + String.join(", ", payload.channels());
        };
        String status = "active".equals(payload.status()) ? "" : " (" + payload.status() + ")";
        return "Patient/" + payload.patientId() + " " + decision + " " + what + status + ".";
    }

    private static String profile(String kind) {
        return switch (kind) {
            case ReferralDisclosureConsent.CATEGORY -> ReferralDisclosureConsent.URL;
            case ReferrerRecognitionConsent.CATEGORY -> ReferrerRecognitionConsent.URL;
            case ProgramMessagesConsent.CATEGORY -> ProgramMessagesConsent.URL;
            default -> throw new IllegalArgumentException("unknown consent kind " + kind);
        };
    }

    static List<String> kinds() {
        return List.of(
                ReferralDisclosureConsent.CATEGORY,
                ReferrerRecognitionConsent.CATEGORY,
                ProgramMessagesConsent.CATEGORY);
    }
}
