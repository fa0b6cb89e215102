package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.referralbridge.conformance.Canonicals.ReferralProgramCommunication;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.messages.MessageKind;
import org.referralbridge.server.messages.OutgoingMessage;

/** Every kind of program message, as the Communication the service writes, validates against the profile. */
class CommunicationResourcesTests {

    private static final ConformanceValidator validator = Conformance.validator(FhirContext.forR4Cached());

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void eachCommunicationWrittenValidatesAgainstTheProfile(MessageKind kind) {
        UUID id = UUID.randomUUID();
        OutgoingMessage message = new OutgoingMessage(
                id,
                kind,
                "p-7",
                null,
                "Subject",
                "Hello,\n\nthe text.\n",
                "<p>Hello</p>",
                null,
                Instant.parse("2026-03-20T10:06:00Z"));

        Communication communication = CommunicationResources.of(message);
        ValidationReport report = validator.validate(communication);

        assertThat(report.isValid()).as(kind + " " + report.summary()).isTrue();
        assertThat(communication.getIdentifierFirstRep().getValue()).isEqualTo(id.toString());
        assertThat(communication.getCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo(kind.code());
        assertThat(CommunicationResources.identifierQuery(message))
                .isEqualTo("identifier=" + ReferralProgramCommunication.IDENTIFIER_SYSTEM + "|" + id);
    }
}
