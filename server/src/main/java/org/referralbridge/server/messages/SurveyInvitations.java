package org.referralbridge.server.messages;

import java.util.List;
import java.util.UUID;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the program-feedback survey to an advocate by e-mail (the {@link MessageKind#SURVEY} message, carrying the
 * link to the hosted form), gated by consent like every program message: queued only when the patient's
 * program-messages consent for e-mail is on file now (the worker checks consent, address and opt-out again when it
 * sends); without it nothing is queued and the withheld survey is audited with its reason.
 */
@Service
public class SurveyInvitations {

    private final MessageRequests requests;
    private final ConsentState consents;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final boolean enabled;

    SurveyInvitations(
            MessageRequests requests,
            ConsentState consents,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            MessagesProperties properties) {
        this.requests = requests;
        this.consents = consents;
        this.transactions = transactions;
        this.events = events;
        this.enabled = properties.enabled();
    }

    /** Whether the patient's program-messages consent for e-mail is on file now. */
    public boolean consented(String patientId) {
        return consents.permittingStatement(ConsentKind.PROGRAM_MESSAGES, patientId, null, MessageRequests.EMAIL)
                .isPresent();
    }

    /**
     * Queues the survey of this round for the patient (ids only in the row; the link's token names ids only).
     *
     * @return {@code QUEUED}; {@code ALREADY_INVITED} when this round's survey was queued for them before;
     *     {@code NO_CONSENT}; {@code MESSAGES_OFF}
     */
    public ProgramInvitations.Outcome send(String patientId, String roundId, String surveyLink) {
        if (!enabled) {
            return ProgramInvitations.Outcome.MESSAGES_OFF;
        }
        UUID messageId = UUID.randomUUID();
        if (!consented(patientId)) {
            events.publishEvent(new ChangeMade(
                    AuditAction.MESSAGE_WITHHELD,
                    List.of(
                            "Patient/" + patientId,
                            "message/" + messageId,
                            "reason/" + MessagePolicy.NO_CONSENT,
                            "survey/" + roundId),
                    true));
            return ProgramInvitations.Outcome.NO_CONSENT;
        }
        Boolean queued = transactions.execute(tx -> requests.survey(messageId, patientId, roundId, surveyLink));
        return Boolean.TRUE.equals(queued)
                ? ProgramInvitations.Outcome.QUEUED
                : ProgramInvitations.Outcome.ALREADY_INVITED;
    }
}
