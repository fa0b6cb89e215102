package org.referralbridge.server.writeback;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals.ReferralProgramCommunication;
import org.referralbridge.server.messages.OutgoingMessage;

/** A program message as a {@code ReferralProgramCommunication}: the chart's record of what the patient was sent. */
final class CommunicationResources {

    private CommunicationResources() {}

    static String identifierQuery(OutgoingMessage message) {
        return "identifier=" + ReferralProgramCommunication.IDENTIFIER_SYSTEM + "|" + message.messageId();
    }

    static Communication of(OutgoingMessage message) {
        Communication communication = new Communication();
        communication.getMeta().addProfile(ReferralProgramCommunication.URL);
        communication
                .addIdentifier()
                .setSystem(ReferralProgramCommunication.IDENTIFIER_SYSTEM)
                .setValue(message.messageId().toString());
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.addCategory(new CodeableConcept(new Coding(
                ReferralProgramCommunication.KIND_CODE_SYSTEM, message.kind().code(), null)));
        Reference patient = new Reference("Patient/" + message.recipientPatientId());
        communication.setSubject(patient);
        communication.addRecipient(patient.copy());
        communication.setSent(Date.from(message.sentAt()));
        communication.addPayload().setContent(new StringType(message.text()));
        return communication;
    }
}
