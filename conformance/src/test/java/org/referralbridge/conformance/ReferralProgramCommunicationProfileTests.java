package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralProgramCommunication;

/**
 * The ReferralProgramCommunication profile (on Communication) refuses a program message that does not say what it
 * was, for whom, when, with which text and under which id of ours: each test breaks the example.
 */
class ReferralProgramCommunicationProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsEveryKindOfMessage() {
        for (String kind :
                new String[] {"referrer-thank-you", "reward-earned", "welcome", "program-update", "invitation"}) {
            Communication message = example();
            message.setCategory(null);
            message.addCategory(
                    new CodeableConcept(new Coding(ReferralProgramCommunication.KIND_CODE_SYSTEM, kind, null)));

            ValidationReport report = validator.validate(message);

            assertThat(report.isValid()).as(kind + ": " + report.summary()).isTrue();
        }
    }

    @Test
    void rejectsAKindThatIsNotInTheCodeSystem() {
        Communication message = example();
        message.setCategory(null);
        message.addCategory(
                new CodeableConcept(new Coding(ReferralProgramCommunication.KIND_CODE_SYSTEM, "promo", null)));

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralProgramCommunication.KIND_VALUE_SET));
    }

    @Test
    void rejectsAMessageWithoutCategory() {
        Communication message = example();
        message.setCategory(null);

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Communication.category"));
    }

    @Test
    void rejectsAMessageWithoutOurIdentifier() {
        Communication message = example();
        message.setIdentifier(null);
        message.addIdentifier(new Identifier().setSystem("urn:other").setValue("1"));

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-comm-1"));
    }

    @Test
    void rejectsASubjectThatIsNotAPatient() {
        Communication message = example();
        message.setSubject(new Reference("Group/1"));

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-comm-2"));
    }

    @Test
    void rejectsAMessageWithoutSubject() {
        Communication message = example();
        message.setSubject(null);

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Communication.subject"));
    }

    @Test
    void rejectsARecipientThatIsNotAPatient() {
        Communication message = example();
        message.setRecipient(null);
        message.addRecipient(new Reference("Practitioner/1"));

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-comm-3"));
    }

    @Test
    void rejectsAMessageWithoutSent() {
        Communication message = example();
        message.setSentElement(null);

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Communication.sent"));
    }

    @Test
    void rejectsAMessageWithoutPayload() {
        Communication message = example();
        message.setPayload(null);

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Communication.payload"));
    }

    @Test
    void rejectsAnAttachmentInsteadOfText() {
        Communication message = example();
        message.getPayloadFirstRep().setContent(new Attachment().setContentType("text/plain"));

        assertThat(validator.validate(message).errors()).isNotEmpty();
    }

    @Test
    void rejectsAMessageWithoutStatus() {
        Communication message = example();
        message.setStatus(null);

        assertThat(validator.validate(message).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Communication.status"));
    }

    @Test
    void theExampleIsACompletedMessageWithItsText() {
        Communication message = example();

        assertThat(message.getStatus()).isEqualTo(CommunicationStatus.COMPLETED);
        assertThat(message.getPayloadFirstRep().getContent()).isInstanceOf(StringType.class);
    }

    private static Communication example() {
        return Conformance.pkg().example(Communication.class, "thank-you-to-anna");
    }
}
