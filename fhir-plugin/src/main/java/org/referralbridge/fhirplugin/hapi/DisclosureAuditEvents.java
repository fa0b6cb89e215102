package org.referralbridge.fhirplugin.hapi;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;

/**
 * A {@link DisclosureDecision} as an AuditEvent of the package's {@code referral-bridge-audit-event} profile, built
 * as the Referral Bridge service builds the rows of its own audit trail: subtype {@code referrer.disclosed} (action
 * R: the referrer was read out to the referred patient) or {@code referrer.redacted} (action E), outcome 0, the
 * requester as the one agent, and as entities the referred Patient, the referrer and the Consent that allowed it,
 * each told apart by its description. The decision's reason is the outcomeDesc. Ids and codes only: no names.
 */
final class DisclosureAuditEvents {

    static final String REFERRED_PATIENT = "referred patient";
    static final String REFERRER = "referrer";
    static final String CONSENT = "consent";

    private static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String SOURCE_TYPES = "http://terminology.hl7.org/CodeSystem/security-source-type";

    private DisclosureAuditEvents() {}

    static AuditEvent of(DisclosureDecision decision) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(ReferralBridgeAuditEvent.URL);
        event.setType(new Coding(EVENT_TYPES, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM, decision.action(), null));
        event.setAction(decision.shown() ? AuditEventAction.R : AuditEventAction.E);
        event.setRecorded(Date.from(decision.decidedAt()));
        // the decision took effect either way: the response showed or hid the referrer as decided
        event.setOutcome(AuditEventOutcome._0);
        event.setOutcomeDesc(decision.reason());
        event.addAgent(agent(decision));
        event.getSource()
                .setObserver(new Reference().setDisplay(ReferralBridgeAuditEvent.OBSERVER))
                .addType(new Coding(SOURCE_TYPES, "4", "Application Server"));
        event.addEntity().setWhat(new Reference(decision.referredPatient())).setDescription(REFERRED_PATIENT);
        if (decision.referrer() != null) {
            event.addEntity().setWhat(new Reference(decision.referrer())).setDescription(REFERRER);
        }
        if (decision.consent() != null) {
            event.addEntity().setWhat(new Reference(decision.consent())).setDescription(CONSENT);
        }
        return event;
    }

    private static AuditEventAgentComponent agent(DisclosureDecision decision) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent()
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(ReferralBridgeAuditEvent.ACTOR_SYSTEM)
                                .setValue(decision.requester())))
                .setRequestor(true);
        if (decision.address() != null) {
            agent.getNetwork().setAddress(decision.address()).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }
}
