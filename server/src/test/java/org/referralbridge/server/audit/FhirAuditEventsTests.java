package org.referralbridge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.web.Roles;

class FhirAuditEventsTests {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    private final FhirAuditEvents fhir = new FhirAuditEvents(CTX);

    /** Every action the service records: each must come out as an AuditEvent its profile accepts. */
    static Stream<String> actions() {
        return Stream.of(AuditAction.values()).map(AuditAction::code);
    }

    /**
     * The CodeSystem's binding is required: an action the service records but the package does not name would export
     * as an invalid AuditEvent, and a code the package names but nothing records is a promise the trail does not keep.
     */
    @Test
    void theCodeSystemNamesExactlyTheActionsTheServiceRecords() {
        List<String> named = ConformancePackage.loadFromClasspath(CTX).codeSystems().stream()
                .filter(codeSystem -> codeSystem.getUrl().equals(ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM))
                .flatMap(codeSystem -> codeSystem.getConcept().stream())
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .toList();

        assertThat(named).containsExactlyInAnyOrderElementsOf(actions().toList());
    }

    @ParameterizedTest
    @MethodSource("actions")
    void anActionOfAPersonInARequestIsAValidAuditEvent(String action) {
        AuditEntryView entry = entry(
                new Actor("frontdesk.maria", List.of(Roles.FRONT_DESK, Roles.AUDITOR), "192.0.2.10"),
                action,
                List.of("Patient/123", "inbox/42"),
                true);

        AuditEvent event = fhir.auditEvent(entry);

        assertValid(event);
        assertThat(event.getAgentFirstRep().getRole())
                .extracting(role -> role.getCodingFirstRep().getCode())
                .containsExactly(Roles.FRONT_DESK, Roles.AUDITOR);
        assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("192.0.2.10");
        assertThat(event.getEntity())
                .extracting(
                        entity -> entity.getWhat().getReference(),
                        entity -> entity.getWhat().getIdentifier().getValue())
                .containsExactly(tuple("Patient/123", null), tuple(null, "inbox/42"));
    }

    @Test
    void aFailedChangeOfTheSystemWithoutAddressOrResourcesIsAValidAuditEvent() {
        AuditEntryView entry =
                entry(new Actor(Actor.SYSTEM, List.of(), null), "subscriptions.checked", List.of(), false);

        AuditEvent event = fhir.auditEvent(entry);

        assertValid(event);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(Actor.SYSTEM);
        assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo(ReferralBridgeAuditEvent.OBSERVER);
        assertThat(event.getAgentFirstRep().hasNetwork()).isFalse();
    }

    @Test
    void theValidatorHoldsTheEventsToTheProfileNotOnlyToAuditEvent() {
        AuditEvent event = fhir.auditEvent(
                entry(new Actor(Actor.ANONYMOUS, List.of(), "127.0.0.1"), "advocate.enrolled", List.of(), true));
        event.getAgentFirstRep().setRequestor(false);
        event.getSubtypeFirstRep().setCode("patient.renamed");

        ValidationReport report = Conformance.validator(CTX).validate(event);

        assertThat(report.errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("requestor"))
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralBridgeAuditEvent.ACTION_VALUE_SET));
    }

    @Test
    void tellsTheActionCodeFromTheVerb() {
        assertThat(FhirAuditEvents.action("advocate.enrolled")).isEqualTo(AuditEventAction.C);
        assertThat(FhirAuditEvents.action("dead-letter.replayed")).isEqualTo(AuditEventAction.U);
        assertThat(FhirAuditEvents.action("consent.revoked")).isEqualTo(AuditEventAction.D);
        assertThat(FhirAuditEvents.action("report.exported")).isEqualTo(AuditEventAction.R);
        assertThat(FhirAuditEvents.action("subscriptions.checked")).isEqualTo(AuditEventAction.E);
        assertThat(FhirAuditEvents.action("referrer.disclosed")).isEqualTo(AuditEventAction.R);
        assertThat(FhirAuditEvents.action("referrer.redacted")).isEqualTo(AuditEventAction.E);
    }

    private static AuditEntryView entry(Actor actor, String action, List<String> resourceIds, boolean succeeded) {
        return new AuditEntryView(
                7,
                Instant.parse("2026-12-02T08:15:30.120Z"),
                actor.name(),
                actor.roles(),
                actor.address(),
                action,
                resourceIds,
                succeeded ? AuditEntryView.SUCCESS : AuditEntryView.FAILURE);
    }

    private static void assertValid(AuditEvent event) {
        assertThat(event.getMeta().hasProfile(ReferralBridgeAuditEvent.URL)).isTrue();
        ValidationReport report = Conformance.validator(CTX).validate(event);
        assertThat(report.errors()).as(report.summary()).isEmpty();
    }
}
