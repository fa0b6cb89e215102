package org.referralbridge.server.messages;

import java.util.UUID;

/**
 * A queued message as the outbox row keeps it: ids and program text only. Names and addresses are read from the EHR
 * when it is sent, consents and the suppression list checked then, so the row holds no PHI and a revocation between
 * queueing and sending still counts.
 *
 * @param messageId our id of the message (the Communication's identifier)
 * @param kind a {@link MessageKind} code
 * @param channel {@code email}, or {@code ehr} for the Communication recording a message sent
 * @param recipientPatientId whom the message is for
 * @param referredPatientId for a referrer's message: the friend it is about; else null
 * @param rewardDescription the reward item's description from the program; null when none
 * @param updateText a program update's text; null for other messages
 * @param source what caused it, for the audit trail: {@code reward/<id>}, {@code referral/<id>},
 *     {@code program-update/<id>}, {@code advocate/<referral code>} (an invitation)
 * @param referralCode an invitation's referral code (the recipient's own); null for other messages
 * @param surveyLink a survey's link to the hosted form (its signed token names ids only); null for other messages
 */
record MessagePayload(
        UUID messageId,
        String kind,
        String channel,
        String recipientPatientId,
        String referredPatientId,
        String rewardDescription,
        String updateText,
        String source,
        String referralCode,
        String surveyLink) {

    /** A message that carries no survey link. */
    MessagePayload(
            UUID messageId,
            String kind,
            String channel,
            String recipientPatientId,
            String referredPatientId,
            String rewardDescription,
            String updateText,
            String source,
            String referralCode) {
        this(
                messageId,
                kind,
                channel,
                recipientPatientId,
                referredPatientId,
                rewardDescription,
                updateText,
                source,
                referralCode,
                null);
    }

    /** A message that carries no referral code. */
    MessagePayload(
            UUID messageId,
            String kind,
            String channel,
            String recipientPatientId,
            String referredPatientId,
            String rewardDescription,
            String updateText,
            String source) {
        this(
                messageId,
                kind,
                channel,
                recipientPatientId,
                referredPatientId,
                rewardDescription,
                updateText,
                source,
                null);
    }

    MessagePayload onChannel(String other) {
        return new MessagePayload(
                messageId,
                kind,
                other,
                recipientPatientId,
                referredPatientId,
                rewardDescription,
                updateText,
                source,
                referralCode,
                surveyLink);
    }
}
