package org.referralbridge.server.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of {@link MessagePolicy} on its own, and the matrix of channel consent and disclosure consent. */
class MessagePolicyTests {

    private static final UUID EMAIL_CONSENT = UUID.fromString("00000000-0000-0000-0000-00000000000e");
    private static final UUID DISCLOSURE = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    private final MessagePolicy policy = new MessagePolicy();

    /** Absent and revoked are the same to the policy: {@code ConsentState} finds no current permitting consent. */
    @ParameterizedTest(name = "email consent {0}, disclosure {1}: sent {2}, friend {3}")
    @CsvSource({
        "present, present, true,  Zoe",
        "present, absent,  true,  a friend you referred",
        "present, revoked, true,  a friend you referred",
        "absent,  present, false, Zoe",
        "absent,  absent,  false, a friend you referred",
        "absent,  revoked, false, a friend you referred",
        "revoked, present, false, Zoe",
        "revoked, absent,  false, a friend you referred",
        "revoked, revoked, false, a friend you referred"
    })
    void theMatrixOfChannelConsentAndDisclosure(String email, String disclosure, boolean sent, String friend) {
        MessagePolicy.Decision decision = policy.decide(new MessagePolicy.Facts(
                "email",
                email.equals("present") ? Optional.of(EMAIL_CONSENT) : Optional.empty(),
                true,
                false,
                disclosure.equals("present") ? Optional.of(DISCLOSURE) : Optional.empty(),
                "Zoe"));

        assertThat(decision.send()).isEqualTo(sent);
        assertThat(decision.friendName()).isEqualTo(friend);
        assertThat(decision.friendNamed()).isEqualTo(disclosure.equals("present"));
        if (sent) {
            assertThat(decision.consent()).isEqualTo(EMAIL_CONSENT);
            assertThat(decision.reason()).isNull();
        } else {
            assertThat(decision.consent()).isNull();
            assertThat(decision.reason()).isEqualTo(MessagePolicy.NO_CONSENT);
        }
    }

    @Test
    void aSuppressedAddressGetsNoEmailEvenWithConsent() {
        MessagePolicy.Decision decision = policy.decide(
                new MessagePolicy.Facts("email", Optional.of(EMAIL_CONSENT), true, true, Optional.empty(), null));

        assertThat(decision.send()).isFalse();
        assertThat(decision.reason()).isEqualTo(MessagePolicy.SUPPRESSED);
    }

    @Test
    void aPatientWithoutAnAddressGetsNothing() {
        MessagePolicy.Decision decision = policy.decide(
                new MessagePolicy.Facts("email", Optional.of(EMAIL_CONSENT), false, false, Optional.empty(), null));

        assertThat(decision.send()).isFalse();
        assertThat(decision.reason()).isEqualTo(MessagePolicy.NO_ADDRESS);
    }

    @Test
    void noSmsWithoutAnSmsConsentEvenWithAnEmailOne() {
        // ConsentState.permits(PROGRAM_MESSAGES, patient, null, "sms") is asked for the sms channel; an e-mail consent
        // does not answer it, and an SMS consent without a written opt-in is no permission there
        MessagePolicy.Decision decision =
                policy.decide(new MessagePolicy.Facts("sms", Optional.empty(), true, false, Optional.empty(), null));

        assertThat(decision.send()).isFalse();
        assertThat(decision.reason()).isEqualTo(MessagePolicy.NO_CONSENT);
    }

    @Test
    void theSuppressionListIsAboutEmailOnly() {
        MessagePolicy.Decision decision = policy.decide(
                new MessagePolicy.Facts("sms", Optional.of(EMAIL_CONSENT), true, true, Optional.empty(), null));

        assertThat(decision.send()).isTrue();
    }

    @Test
    void aFriendWhoseNameTheEhrDoesNotKnowIsNotNamedEvenWithDisclosure() {
        MessagePolicy.Decision decision = policy.decide(new MessagePolicy.Facts(
                "email", Optional.of(EMAIL_CONSENT), true, false, Optional.of(DISCLOSURE), " "));

        assertThat(decision.friendName()).isEqualTo(MessagePolicy.UNNAMED_FRIEND);
        assertThat(decision.friendNamed()).isFalse();
        assertThat(decision.friendDisclosure()).isNull();
    }
}
