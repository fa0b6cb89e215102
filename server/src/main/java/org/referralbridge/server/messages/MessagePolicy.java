package org.referralbridge.server.messages;

import java.util.Optional;
import java.util.UUID;

/**
 * The rules a program message obeys, in one place and free of I/O, so each rule is tested on its own
 * ({@code MessagePolicyTests}). The caller reads the facts (current consents, the suppression list, the address)
 * just before sending, so a revocation or an opt-out recorded a moment ago governs the next message.
 *
 * <ul>
 *   <li>No message on a channel without a current program-messages consent for that channel (TCPA, 47 U.S.C. 227,
 *       and the practice's consent policy); an SMS consent counts only with a written opt-in, which
 *       {@code ConsentState.permits} already requires (47 CFR 64.1200(a)(2)).
 *   <li>An address that opted out never gets e-mail again (CAN-SPAM, 15 U.S.C. 7704(a)(4)).
 *   <li>A referred patient is named to the referrer only with the referred patient's current disclosure consent
 *       about that referrer (HIPAA, 45 CFR 164.508); without it the message says {@value #UNNAMED_FRIEND}.
 * </ul>
 */
public final class MessagePolicy {

    /** What a message says instead of the referred patient's name when they did not let the practice name them. */
    public static final String UNNAMED_FRIEND = "a friend you referred";

    /**
     * What is known at the moment of sending.
     *
     * @param channel the contact channel ({@code email}, {@code sms})
     * @param channelConsent the statement whose current program-messages consent permits this channel; empty: none
     * @param hasAddress whether the patient has an address on the channel in the EHR
     * @param suppressed whether the address opted out
     * @param friendDisclosure for a message about a referred patient: the statement of their current disclosure
     *     consent about the recipient; empty: none (or the message is about nobody)
     * @param friendFirstName the referred patient's first name as the EHR has it; null when unknown or not asked
     */
    public record Facts(
            String channel,
            Optional<UUID> channelConsent,
            boolean hasAddress,
            boolean suppressed,
            Optional<UUID> friendDisclosure,
            String friendFirstName) {}

    /**
     * The decision: send (with the consent that allowed it) or withhold (with the reason's code).
     *
     * @param friendName the referred patient's first name, or {@value #UNNAMED_FRIEND}
     * @param friendNamed whether the friend's name may appear (then {@code friendDisclosure} is the consent)
     */
    public record Decision(
            boolean send, String reason, UUID consent, String friendName, boolean friendNamed, UUID friendDisclosure) {}

    /** Reason codes of a withheld message, as the audit trail records them. */
    public static final String NO_CONSENT = "no-channel-consent";

    public static final String NO_ADDRESS = "no-address";
    public static final String SUPPRESSED = "address-suppressed";

    /** How the message names the referred friend: by first name only under their disclosure consent. */
    public record Naming(String friendName, boolean named, UUID disclosure) {}

    public Naming naming(Optional<UUID> friendDisclosure, String friendFirstName) {
        boolean named = friendDisclosure.isPresent() && friendFirstName != null && !friendFirstName.isBlank();
        return named
                ? new Naming(friendFirstName, true, friendDisclosure.get())
                : new Naming(UNNAMED_FRIEND, false, null);
    }

    public Decision decide(Facts facts) {
        Naming naming = naming(facts.friendDisclosure(), facts.friendFirstName());
        String friend = naming.friendName();
        boolean named = naming.named();
        UUID disclosure = naming.disclosure();
        if (facts.channelConsent().isEmpty()) {
            return new Decision(false, NO_CONSENT, null, friend, named, disclosure);
        }
        if (!facts.hasAddress()) {
            return new Decision(false, NO_ADDRESS, null, friend, named, disclosure);
        }
        if ("email".equals(facts.channel()) && facts.suppressed()) {
            return new Decision(false, SUPPRESSED, null, friend, named, disclosure);
        }
        return new Decision(true, null, facts.channelConsent().get(), friend, named, disclosure);
    }
}
