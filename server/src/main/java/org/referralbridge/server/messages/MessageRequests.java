package org.referralbridge.server.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.ReferralLinked;
import org.referralbridge.server.reward.RewardChanged;
import org.springframework.context.event.EventListener;

/**
 * Which events send which message, as message-outbox rows in the publishing transaction (so a message is queued
 * only with the change that caused it). Each row's dedupe key names the message and the channel, so a replayed
 * event, a repeated notification or a second instance queues nothing new: one thank-you per reward.
 *
 * <ul>
 *   <li>a reward's first revision ({@code RewardChanged} revision 1): the referrer's reward-earned message when the
 *       compliance outcome gives an item ({@code allow}, {@code reduce}), else a thank-you;
 *   <li>a referral linked ({@code ReferralLinked}): the referred patient's welcome;
 *   <li>a program update: one message per patient the program admin listed;
 *   <li>an invitation ({@link ProgramInvitations}): one per patient a program admin enrolled from the launch page.
 * </ul>
 */
class MessageRequests {

    static final String EMAIL = "email";
    static final String EHR = "ehr";

    private final WorkQueue messages;
    private final ObjectMapper json;
    private final ProgramCatalog programs;
    private final boolean enabled;

    MessageRequests(WorkQueue messages, ObjectMapper json, ProgramCatalog programs, boolean enabled) {
        this.messages = messages;
        this.json = json;
        this.programs = programs;
        this.enabled = enabled;
    }

    @EventListener
    void on(RewardChanged event) {
        if (!enabled || event.revision() != 1 || event.referrerPatientId() == null) {
            return;
        }
        boolean item = "allow".equals(event.outcome()) || "reduce".equals(event.outcome());
        MessageKind kind = item ? MessageKind.REWARD_EARNED : MessageKind.REFERRER_THANK_YOU;
        enqueue(
                new MessagePayload(
                        UUID.randomUUID(),
                        kind.code(),
                        EMAIL,
                        event.referrerPatientId(),
                        event.referredPatientId(),
                        item ? description(event.programKey(), event.itemId()) : null,
                        null,
                        "reward/" + event.rewardId()),
                // one referrer message per reward, whichever kind
                "message:referrer:" + event.rewardId() + ":" + EMAIL);
    }

    @EventListener
    void on(ReferralLinked event) {
        if (!enabled) {
            return;
        }
        enqueue(
                new MessagePayload(
                        UUID.randomUUID(),
                        MessageKind.WELCOME.code(),
                        EMAIL,
                        event.referredPatientId(),
                        null,
                        null,
                        null,
                        "referral/" + event.referralId()),
                "message:welcome:" + event.referralId() + ":" + EMAIL);
    }

    /** @return how many of the patients got a message queued (a repeated update id queues nothing again) */
    int programUpdate(UUID updateId, String text, List<String> patientIds) {
        int queued = 0;
        for (String patientId : patientIds.stream().distinct().toList()) {
            boolean added = enqueue(
                    new MessagePayload(
                            UUID.randomUUID(),
                            MessageKind.PROGRAM_UPDATE.code(),
                            EMAIL,
                            patientId,
                            null,
                            null,
                            text,
                            "program-update/" + updateId),
                    "message:program-update:" + updateId + ":" + patientId + ":" + EMAIL);
            queued += added ? 1 : 0;
        }
        return queued;
    }

    /**
     * An advocate's invitation to the program, once per patient whoever asks again.
     *
     * @return whether it was queued now (false: an invitation of this patient was queued before)
     */
    boolean invitation(UUID messageId, String patientId, String referralCode) {
        return enqueue(
                invitationPayload(messageId, patientId, referralCode), "message:invitation:" + patientId + ":" + EMAIL);
    }

    /**
     * The advocate's card by e-mail, asked for at the front desk: the invitation's text (code, friend link, how to
     * share), at most once a day per patient, so a second click the same day sends nothing more.
     *
     * @return whether it was queued now
     */
    boolean card(UUID messageId, String patientId, String referralCode, java.time.LocalDate day) {
        return enqueue(
                invitationPayload(messageId, patientId, referralCode),
                "message:card:" + patientId + ":" + EMAIL + ":" + day);
    }

    private static MessagePayload invitationPayload(UUID messageId, String patientId, String referralCode) {
        return new MessagePayload(
                messageId,
                MessageKind.INVITATION.code(),
                EMAIL,
                patientId,
                null,
                null,
                null,
                "advocate/" + referralCode,
                referralCode);
    }

    /**
     * A survey round's e-mail to one advocate, once per round and patient whoever asks again.
     *
     * @return whether it was queued now
     */
    boolean survey(UUID messageId, String patientId, String roundId, String surveyLink) {
        return enqueue(
                new MessagePayload(
                        messageId,
                        MessageKind.SURVEY.code(),
                        EMAIL,
                        patientId,
                        null,
                        null,
                        null,
                        "survey/" + roundId,
                        null,
                        surveyLink),
                "message:survey:" + roundId + ":" + patientId + ":" + EMAIL);
    }

    /** After a message went out: the Communication that records it in the EHR, once. */
    void recordInEhr(MessagePayload sent) {
        enqueue(sent.onChannel(EHR), "message:" + sent.messageId() + ":" + EHR);
    }

    private boolean enqueue(MessagePayload payload, String dedupeKey) {
        return messages.enqueue(new NewWorkItem(
                payload.kind(), "Patient", payload.recipientPatientId(), null, write(payload), dedupeKey, null));
    }

    private String description(String programKey, String itemId) {
        if (programKey == null || itemId == null) {
            return null;
        }
        Optional<ProgramDocument.RewardItem> item = programs.program(programKey).stream()
                .flatMap(view -> view.program().rewards().stream())
                .flatMap(rule -> rule.items().stream())
                .filter(candidate -> Objects.equals(candidate.id(), itemId))
                .findFirst();
        return item.map(ProgramDocument.RewardItem::description).orElse(null);
    }

    private String write(MessagePayload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a message payload", e);
        }
    }
}
