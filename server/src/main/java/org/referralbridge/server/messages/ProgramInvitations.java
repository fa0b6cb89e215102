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
 * Invites a newly enrolled advocate to the program by e-mail (the {@link MessageKind#INVITATION} message), gated by
 * consent like every program message: it is queued only when the patient's program-messages consent for e-mail is on
 * file now, and the worker checks the consent, the address and the opt-out list again when it sends. Without the
 * consent nothing is queued and the withheld invitation is audited with its reason, so the caller can say so plainly.
 */
@Service
public class ProgramInvitations {

    /** What became of an invitation asked for. */
    public enum Outcome {
        /** Queued: the message worker sends it (or withholds it, audited, if the consent is gone by then). */
        QUEUED,
        /** An invitation of this patient (or, for the card, one today) was queued before; nothing new. */
        ALREADY_INVITED,
        /** No program-messages consent for e-mail on file: nothing queued. */
        NO_CONSENT,
        /** Program messages are off ({@code referralbridge.messages.enabled}): nothing queued. */
        MESSAGES_OFF
    }

    private final MessageRequests requests;
    private final ConsentState consents;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final boolean enabled;
    private final java.time.Clock clock;

    ProgramInvitations(
            MessageRequests requests,
            ConsentState consents,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            MessagesProperties properties,
            java.time.Clock clock) {
        this.requests = requests;
        this.consents = consents;
        this.transactions = transactions;
        this.events = events;
        this.enabled = properties.enabled();
        this.clock = clock;
    }

    /**
     * Invites the advocate with this EHR patient id and referral code (ids only: the worker reads name and address
     * from the EHR when it sends).
     */
    public Outcome invite(String patientId, String referralCode) {
        return queue(patientId, referralCode, messageId -> requests.invitation(messageId, patientId, referralCode));
    }

    /**
     * E-mails the advocate their card (the invitation's text: code, friend link, how to share), as the front desk
     * asks, gated by the same consent; at most once a day ({@link Outcome#ALREADY_INVITED} the second time).
     */
    public Outcome sendCard(String patientId, String referralCode) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        return queue(patientId, referralCode, messageId -> requests.card(messageId, patientId, referralCode, today));
    }

    private Outcome queue(String patientId, String referralCode, java.util.function.Function<UUID, Boolean> enqueue) {
        if (!enabled) {
            return Outcome.MESSAGES_OFF;
        }
        UUID messageId = UUID.randomUUID();
        String source = "advocate/" + referralCode;
        if (consents.permittingStatement(ConsentKind.PROGRAM_MESSAGES, patientId, null, MessageRequests.EMAIL)
                .isEmpty()) {
            events.publishEvent(new ChangeMade(
                    AuditAction.MESSAGE_WITHHELD,
                    List.of(
                            "Patient/" + patientId,
                            "message/" + messageId,
                            "reason/" + MessagePolicy.NO_CONSENT,
                            source),
                    true));
            return Outcome.NO_CONSENT;
        }
        Boolean queued = transactions.execute(tx -> enqueue.apply(messageId));
        return Boolean.TRUE.equals(queued) ? Outcome.QUEUED : Outcome.ALREADY_INVITED;
    }
}
