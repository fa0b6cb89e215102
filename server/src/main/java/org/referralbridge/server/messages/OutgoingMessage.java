package org.referralbridge.server.messages;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message, rendered, as a channel delivers it. PHI (the address, the names in the text): handed to the channel,
 * never logged or stored by this module; its {@link #toString()} shows ids only.
 *
 * @param messageId our id of the message, the same on every channel (the Communication's identifier)
 * @param recipientPatientId the Patient the message is for
 * @param address where the channel sends it (an e-mail address); null for a channel that needs none
 * @param optOutUrl the one-click opt-out of this address; null when there is no address
 */
public record OutgoingMessage(
        UUID messageId,
        MessageKind kind,
        String recipientPatientId,
        String address,
        String subject,
        String text,
        String html,
        String optOutUrl,
        Instant sentAt) {

    public OutgoingMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipientPatientId, "recipientPatientId");
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + kind.code() + " " + messageId + " to Patient/" + recipientPatientId + "]";
    }
}
