package org.referralbridge.server.writeback;

import org.hl7.fhir.r4.model.Communication;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrResponseMalformed;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.fhirplugin.client.EhrWriteRefused;
import org.referralbridge.server.messages.MessageChannel;
import org.referralbridge.server.messages.OutgoingMessage;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages module's {@code ehr} channel: records a program message sent as a Communication in the patient's
 * chart, created conditionally on our identifier of the message, so a retried row creates nothing new.
 */
class EhrCommunications implements MessageChannel {

    private static final Logger log = LoggerFactory.getLogger(EhrCommunications.class);

    private final EhrClient ehr;

    EhrCommunications(EhrClient ehr) {
        this.ehr = ehr;
    }

    @Override
    public String name() {
        return "ehr";
    }

    @Override
    public void deliver(OutgoingMessage message) {
        Communication communication = CommunicationResources.of(message);
        try {
            CreateOutcome outcome = ehr.create(communication, CommunicationResources.identifierQuery(message));
            log.info(
                    "Communication/{} for message {} {}",
                    outcome.id(),
                    message.messageId(),
                    outcome.created() ? "written" : "already there");
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrResponseMalformed e) {
            throw new RetryLater(e.getMessage(), null, e);
        } catch (EhrRequestRejected e) {
            throw OutboxHandler.rejected(e, "Communication refused: ");
        } catch (EhrWriteRefused e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
