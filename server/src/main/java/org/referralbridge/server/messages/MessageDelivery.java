package org.referralbridge.server.messages;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkHandler;
import org.referralbridge.server.queue.WorkItem;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.EhrPatients.PatientSummary;
import org.referralbridge.server.web.PublicAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Sends one queued message: reads the recipient (and the friend) from the EHR now, asks {@link MessagePolicy}, and
 * either withholds the message (audited with the reason) or renders and sends it (audited with the consent that
 * allowed it), then queues the Communication that records it in the EHR. A failure of the channel worth retrying
 * leaves the row to the queue's backoff; every attempt decides afresh, so a revocation or an opt-out in between wins.
 */
class MessageDelivery implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final ObjectMapper json;
    private final EhrPatients patients;
    private final ConsentState consents;
    private final Suppressions suppressions;
    private final OptOutTokens tokens;
    private final MessageTemplates templates;
    private final MessageRequests requests;
    private final Map<String, MessageChannel> channels;
    private final ApplicationEventPublisher events;
    private final MessagesProperties properties;
    private final PublicAddress publicAddress;
    private final Clock clock;
    private final MessagePolicy policy = new MessagePolicy();

    MessageDelivery(
            ObjectMapper json,
            EhrPatients patients,
            ConsentState consents,
            Suppressions suppressions,
            OptOutTokens tokens,
            MessageTemplates templates,
            MessageRequests requests,
            Map<String, MessageChannel> channels,
            ApplicationEventPublisher events,
            MessagesProperties properties,
            PublicAddress address,
            Clock clock) {
        this.json = json;
        this.publicAddress = address;
        this.patients = patients;
        this.consents = consents;
        this.suppressions = suppressions;
        this.tokens = tokens;
        this.templates = templates;
        this.requests = requests;
        this.channels = Map.copyOf(channels);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void handle(WorkItem item) {
        MessagePayload payload = payload(item);
        MessageKind kind = MessageKind.ofCode(payload.kind())
                .orElseThrow(() -> new PermanentFailure("unknown message kind " + payload.kind(), null));
        MessageChannel channel = channels.get(payload.channel());
        if (channel == null) {
            throw new PermanentFailure("no message channel " + payload.channel(), null);
        }
        Optional<PatientSummary> recipient = summary(payload.recipientPatientId());
        if (recipient.isEmpty()) {
            withhold(payload, "patient-not-found");
            return;
        }
        if (MessageRequests.EHR.equals(payload.channel())) {
            // the chart's record of a message that went out; it contacts no one, so no channel consent is asked
            MessagePolicy.Facts facts = facts(payload, recipient.get(), Optional.empty());
            MessagePolicy.Naming naming = policy.naming(facts.friendDisclosure(), facts.friendFirstName());
            channel.deliver(compose(payload, kind, recipient.get(), naming.friendName(), null));
            log.info(
                    "Recorded message {} ({}) for Patient/{} in the EHR",
                    payload.messageId(),
                    kind.code(),
                    payload.recipientPatientId());
            return;
        }
        String address = recipient.get().email();
        Optional<UUID> consent = consents.permittingStatement(
                ConsentKind.PROGRAM_MESSAGES, payload.recipientPatientId(), null, payload.channel());
        MessagePolicy.Decision decision = policy.decide(facts(payload, recipient.get(), consent));
        if (!decision.send()) {
            withhold(payload, decision.reason());
            return;
        }
        String optOutUrl = publicAddress.base() + OptOutController.PATH + "?token="
                + tokens.issue(payload.recipientPatientId(), address);
        channel.deliver(compose(payload, kind, recipient.get(), decision.friendName(), optOutUrl));
        List<String> ids = new ArrayList<>(List.of(
                "Patient/" + payload.recipientPatientId(),
                "message/" + payload.messageId(),
                "consent/" + decision.consent(),
                payload.source()));
        if (decision.friendNamed()) {
            ids.add("consent/" + decision.friendDisclosure());
        }
        events.publishEvent(new ChangeMade(AuditAction.MESSAGE_SENT, ids, true));
        log.info(
                "Sent message {} ({}) to Patient/{} by {}",
                payload.messageId(),
                kind.code(),
                payload.recipientPatientId(),
                payload.channel());
        if (channels.containsKey(MessageRequests.EHR)) {
            requests.recordInEhr(payload);
        }
    }

    private MessagePolicy.Facts facts(MessagePayload payload, PatientSummary recipient, Optional<UUID> consent) {
        String address = recipient.email();
        boolean hasAddress = address != null && !address.isBlank();
        boolean suppressed = hasAddress && suppressions.suppressed(tokens.digest(address));
        Optional<UUID> disclosure = Optional.empty();
        String friendFirstName = null;
        if (payload.referredPatientId() != null) {
            disclosure = consents.permittingStatement(
                    ConsentKind.REFERRAL_DISCLOSURE, payload.referredPatientId(), payload.recipientPatientId(), null);
            if (disclosure.isPresent()) {
                friendFirstName = summary(payload.referredPatientId())
                        .map(MessageDelivery::firstName)
                        .orElse(null);
            }
        }
        return new MessagePolicy.Facts(payload.channel(), consent, hasAddress, suppressed, disclosure, friendFirstName);
    }

    private OutgoingMessage compose(
            MessagePayload payload, MessageKind kind, PatientSummary recipient, String friendName, String optOutUrl) {
        MessageTemplates.Rendered rendered = templates.render(
                kind,
                new TemplateFields(
                        firstName(recipient),
                        friendName,
                        payload.rewardDescription(),
                        properties.practiceName(),
                        // the chart's copy names no working link: the token is the recipient's own
                        optOutUrl == null ? "(the link in the e-mail)" : optOutUrl,
                        properties.postalAddress(),
                        payload.updateText(),
                        payload.referralCode(),
                        payload.referralCode() == null ? null : publicAddress.of("/r/" + payload.referralCode()),
                        // the chart's copy of a survey names no working link either: the token is the recipient's
                        optOutUrl == null && payload.surveyLink() != null
                                ? "(the link in the e-mail)"
                                : payload.surveyLink()));
        return new OutgoingMessage(
                payload.messageId(),
                kind,
                payload.recipientPatientId(),
                recipient.email(),
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                optOutUrl,
                clock.instant());
    }

    private void withhold(MessagePayload payload, String reason) {
        events.publishEvent(new ChangeMade(
                AuditAction.MESSAGE_WITHHELD,
                List.of(
                        "Patient/" + payload.recipientPatientId(),
                        "message/" + payload.messageId(),
                        "reason/" + reason,
                        payload.source()),
                true));
        log.info(
                "Withheld message {} ({}) to Patient/{}: {}",
                payload.messageId(),
                payload.kind(),
                payload.recipientPatientId(),
                reason);
    }

    private Optional<PatientSummary> summary(String patientId) {
        try {
            return patients.summary(patientId);
        } catch (EhrPatients.EhrUnreachable e) {
            throw new RetryLater("the EHR could not be asked for Patient/" + patientId, null, e);
        }
    }

    /** The first word of the name the EHR shows; empty when it has none. */
    static String firstName(PatientSummary summary) {
        String name = summary.name();
        if (name == null || name.isBlank()) {
            return "";
        }
        return name.strip().split("\\s+")[0];
    }

    private MessagePayload payload(WorkItem item) {
        try {
            MessagePayload payload =
                    item.payload() == null ? null : json.readValue(item.payload(), MessagePayload.class);
            if (payload == null || payload.messageId() == null || payload.recipientPatientId() == null) {
                throw new PermanentFailure("unreadable message payload (incomplete)", null);
            }
            return payload;
        } catch (JacksonException e) {
            throw new PermanentFailure(
                    "unreadable message payload (" + e.getClass().getSimpleName() + ")", null);
        }
    }
}
