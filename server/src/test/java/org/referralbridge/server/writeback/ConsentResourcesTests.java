package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;

/** Every Consent the service writes for a front-desk statement validates against its kind's profile. */
class ConsentResourcesTests {

    private static final ConformanceValidator validator = Conformance.validator(FhirContext.forR4Cached());

    static Stream<ConsentPayload> statements() {
        return Stream.of(
                payload("referral-disclosure", "referrer-1", List.of(), true, "active", false),
                payload("referral-disclosure", "referrer-1", List.of(), false, "active", false),
                payload("referral-disclosure", "referrer-1", List.of(), true, "inactive", false),
                payload("referrer-recognition", null, List.of("newsletter", "office-display"), true, "active", false),
                payload("referrer-recognition", null, List.of("social-media"), false, "active", false),
                payload("program-messages", null, List.of("email"), true, "active", false),
                payload("program-messages", null, List.of("email"), true, "inactive", false),
                payload("program-messages", null, List.of("sms"), true, "active", true),
                payload("program-messages", null, List.of("sms"), false, "active", false));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void eachConsentWrittenValidatesAgainstItsProfile(ConsentPayload payload) {
        Consent consent = ConsentResources.newConsent(payload);

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(payload.kind() + " " + report.summary()).isTrue();
        assertThat(consent.getIdentifierFirstRep().getValue())
                .isEqualTo(payload.statementId().toString());
    }

    @Test
    void aRevocationChangesOnlyStatusDecisionAndNarrativeOfTheEhrsConsent() {
        ConsentPayload recorded = payload("program-messages", null, List.of("email"), true, "active", false);
        Consent consent = ConsentResources.newConsent(recorded);
        consent.addIdentifier().setSystem("http://ehr.example.org/consents").setValue("c-77");
        ConsentPayload revoked = payload("program-messages", null, List.of("email"), true, "inactive", false);

        assertThat(ConsentResources.says(consent, recorded)).isTrue();
        assertThat(ConsentResources.says(consent, revoked)).isFalse();
        ConsentResources.apply(consent, revoked);

        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(consent.getIdentifier()).hasSize(2);
        assertThat(consent.getText().getDivAsString()).contains("inactive").doesNotContain("@");
        assertThat(validator.validate(consent).isValid()).isTrue();
    }

    private static ConsentPayload payload(
            String kind, String actor, List<String> channels, boolean permit, String status, boolean written) {
        return new ConsentPayload(
                UUID.randomUUID(),
                kind,
                "patient-1",
                actor,
                channels,
                permit,
                status,
                written,
                Instant.parse("2026-11-30T10:00:00Z"),
                null,
                UUID.randomUUID());
    }
}
