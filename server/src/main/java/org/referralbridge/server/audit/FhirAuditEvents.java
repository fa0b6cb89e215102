package org.referralbridge.server.audit;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/**
 * Audit-trail rows as FHIR R4 AuditEvents of the package's {@code referral-bridge-audit-event} profile: the one place
 * that speaks HAPI for the audit trail.
 */
@Component
class FhirAuditEvents {

    private static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String SOURCE_TYPES = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** A relative FHIR reference; any other resource id names one of the service's own records. */
    private static final Pattern FHIR_REFERENCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhirContext;

    FhirAuditEvents(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** A searchset Bundle of the page's rows, in their order, as FHIR JSON. */
    String bundle(Page<AuditEntryView> page) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal((int) page.getTotalElements());
        for (AuditEntryView entry : page.getContent()) {
            AuditEvent event = auditEvent(entry);
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + event.getIdPart())
                    .setResource(event)
                    .getSearch()
                    .setMode(SearchEntryMode.MATCH);
        }
        return fhirContext.newJsonParser().encodeResourceToString(bundle);
    }

    AuditEvent auditEvent(AuditEntryView entry) {
        AuditEvent event = new AuditEvent();
        // an id of its own, stable per row, which the Bundle can use as its fullUrl
        event.setId(UUID.nameUUIDFromBytes(("audit-entry/" + entry.id()).getBytes(StandardCharsets.UTF_8))
                .toString());
        event.getMeta().addProfile(ReferralBridgeAuditEvent.URL);
        event.setType(new Coding(EVENT_TYPES, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM, entry.action(), null));
        event.setAction(action(entry.action()));
        event.setRecorded(Date.from(entry.recordedAt()));
        event.setOutcome(entry.succeeded() ? AuditEventOutcome._0 : AuditEventOutcome._4);
        event.addAgent(agent(entry));
        event.getSource()
                .setObserver(new Reference().setDisplay(ReferralBridgeAuditEvent.OBSERVER))
                .addType(new Coding(SOURCE_TYPES, "4", "Application Server"));
        for (String resourceId : entry.resourceIds()) {
            event.addEntity().setWhat(what(resourceId));
        }
        return event;
    }

    private static AuditEventAgentComponent agent(AuditEntryView entry) {
        String display = Actor.SYSTEM.equals(entry.actor()) ? ReferralBridgeAuditEvent.OBSERVER : entry.actor();
        AuditEventAgentComponent agent = new AuditEventAgentComponent()
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(ReferralBridgeAuditEvent.ACTOR_SYSTEM)
                                .setValue(entry.actor()))
                        .setDisplay(display))
                .setRequestor(true);
        for (String role : entry.roles()) {
            agent.addRole(new CodeableConcept(new Coding(Canonicals.ROLE_CODE_SYSTEM, role, null)));
        }
        if (entry.address() != null) {
            agent.getNetwork().setAddress(entry.address()).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }

    private static Reference what(String resourceId) {
        if (FHIR_REFERENCE.matcher(resourceId).matches()) {
            return new Reference(resourceId);
        }
        return new Reference()
                .setIdentifier(new Identifier()
                        .setSystem(ReferralBridgeAuditEvent.RECORD_SYSTEM)
                        .setValue(resourceId));
    }

    /** The FHIR action code of an action name, told by its verb (the last dotted part); E when it is none of CRUD. */
    static AuditEventAction action(String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1);
        return switch (verb) {
            case "created", "enrolled", "added", "issued" -> AuditEventAction.C;
            case "read", "viewed", "exported", "disclosed" -> AuditEventAction.R;
            case "updated", "replayed", "changed", "rotated", "overridden", "confirmed", "rejected" ->
                AuditEventAction.U;
            case "deleted", "removed", "revoked", "withdrawn" -> AuditEventAction.D;
            default -> AuditEventAction.E;
        };
    }
}
