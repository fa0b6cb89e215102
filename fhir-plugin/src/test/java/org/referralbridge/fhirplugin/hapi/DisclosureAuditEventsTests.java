package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;

class DisclosureAuditEventsTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant NOW = Instant.parse("2026-12-02T08:15:30Z");
    private static final ConformanceValidator VALIDATOR =
            new ConformanceValidator(FHIR, ConformancePackage.loadFromClasspath(FHIR));

    @Test
    void aHiddenReferrerIsAValidRedactedEventNamingThePatientAndTheReferrer() {
        AuditEvent event = DisclosureAuditEvents.of(new DisclosureDecision(
                "Patient/34", "Patient/12", false, null, "no-consent-rule", "patient-user-7", "192.0.2.10", NOW));

        assertValid(event);
        assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo(ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("referrer.redacted");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(event.getOutcomeDesc()).isEqualTo("no-consent-rule");
        assertThat(event.getRecorded()).isEqualTo(java.util.Date.from(NOW));
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("patient-user-7");
        assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("192.0.2.10");
        assertThat(event.getEntity())
                .extracting(
                        entity -> entity.getWhat().getReference(), AuditEvent.AuditEventEntityComponent::getDescription)
                .containsExactly(
                        tuple("Patient/34", DisclosureAuditEvents.REFERRED_PATIENT),
                        tuple("Patient/12", DisclosureAuditEvents.REFERRER));
    }

    @Test
    void aShownReferrerIsAValidDisclosedEventNamingTheConsent() {
        AuditEvent event = DisclosureAuditEvents.of(new DisclosureDecision(
                "Patient/34", "Patient/12", true, "Consent/56", "recognition-consent", "anonymous", null, NOW));

        assertValid(event);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("referrer.disclosed");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(event.getAgentFirstRep().hasNetwork()).isFalse();
        assertThat(event.getEntity())
                .extracting(entity -> entity.getWhat().getReference())
                .containsExactly("Patient/34", "Patient/12", "Consent/56");
    }

    @Test
    void aReferrerNamedWithoutAReferenceLeavesOnlyThePatient() {
        AuditEvent event = DisclosureAuditEvents.of(new DisclosureDecision(
                "Patient/34", null, false, null, "referrer-not-referenced", "anonymous", null, NOW));

        assertValid(event);
        assertThat(event.getEntity())
                .extracting(entity -> entity.getWhat().getReference())
                .containsExactly("Patient/34");
    }

    private static void assertValid(AuditEvent event) {
        assertThat(event.getMeta().hasProfile(ReferralBridgeAuditEvent.URL)).isTrue();
        ValidationReport report = VALIDATOR.validate(event);
        assertThat(report.errors()).as(report.summary()).isEmpty();
    }
}
