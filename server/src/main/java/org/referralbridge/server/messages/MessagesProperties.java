package org.referralbridge.server.messages;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.referralbridge.server.queue.WorkerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.messages.*}: program messages. Off unless enabled; when enabled, the sender, the practice's
 * name and postal address (CAN-SPAM, 15 U.S.C. 7704(a)(5)), the public address of the opt-out link and its secret
 * are required, so a half-configured sender fails at startup naming what is missing.
 *
 * @param enabled whether events queue messages and the message worker sends them
 * @param from the {@code From} address of program e-mail
 * @param practiceName the practice's name, in every message
 * @param postalAddress the practice's postal address, in every e-mail
 * @param publicBaseUrl the old name of {@code referralbridge.public-base-url} ({@link
 *     org.referralbridge.server.web.PublicAddress}), still read when that is not set
 * @param unsubscribeSecret the HMAC key of the opt-out tokens (at least 32 characters)
 * @param optOutValidity how long an opt-out link works
 * @param templatesDirectory a directory whose templates replace the shipped ones of the same name; empty: none
 * @param worker the message outbox's workers
 */
@Validated
@ConfigurationProperties("referralbridge.messages")
public record MessagesProperties(
        @DefaultValue("false") boolean enabled,
        String from,
        String practiceName,
        String postalAddress,
        String publicBaseUrl,
        String unsubscribeSecret,
        @NotNull @DefaultValue("365d") Duration optOutValidity,
        String templatesDirectory,
        @Valid @NotNull @DefaultValue WorkerSettings worker) {

    @AssertTrue(
            message = "referralbridge.messages.enabled needs from, practice-name, postal-address and an"
                    + " unsubscribe-secret of at least 32 characters")
    boolean isComplete() {
        return !enabled
                || (present(from)
                        && present(practiceName)
                        && present(postalAddress)
                        && unsubscribeSecret != null
                        && unsubscribeSecret.length() >= 32);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
