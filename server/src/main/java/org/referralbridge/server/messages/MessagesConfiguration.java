package org.referralbridge.server.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.queue.QueueWorker;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.web.PublicAddress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message outbox (a queue of its own, see {@code V17__message_suppression.sql}), its worker, and the channels:
 * e-mail when Spring Boot configured a mail sender ({@code spring.mail.host}), and any other {@link MessageChannel}
 * bean (the write-back module's EHR Communication).
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

    @Bean
    WorkQueue messageOutbox(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new WorkQueue("message_outbox", jdbc, transactions, clock);
    }

    @Bean
    MessageRequests messageRequests(
            @Qualifier("messageOutbox") WorkQueue messageOutbox,
            ObjectMapper json,
            ProgramCatalog programs,
            MessagesProperties properties) {
        return new MessageRequests(messageOutbox, json, programs, properties.enabled());
    }

    @Bean
    OptOutTokens optOutTokens(MessagesProperties properties, Clock clock) {
        String secret = properties.unsubscribeSecret();
        if (secret == null || secret.isBlank()) {
            // messages are off: no link is ever issued, and none presented can be valid
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
        }
        return new OptOutTokens(secret, properties.optOutValidity(), clock);
    }

    @Bean
    Suppressions suppressions(JdbcClient jdbc, Clock clock) {
        return new Suppressions(jdbc, clock);
    }

    @Bean
    MessageTemplates messageTemplates(MessagesProperties properties) {
        return new MessageTemplates(properties.templatesDirectory());
    }

    @Bean
    QueueWorker messageWorker(
            @Qualifier("messageOutbox") WorkQueue messageOutbox,
            ObjectMapper json,
            EhrPatients patients,
            ConsentState consents,
            Suppressions suppressions,
            OptOutTokens tokens,
            MessageTemplates templates,
            MessageRequests requests,
            ObjectProvider<JavaMailSender> mail,
            ObjectProvider<MessageChannel> otherChannels,
            ApplicationEventPublisher events,
            MessagesProperties properties,
            PublicAddress address,
            Clock clock) {
        if (properties.enabled() && !address.configured()) {
            throw new IllegalStateException("referralbridge.messages.enabled needs referralbridge.public-base-url,"
                    + " where patients reach this service (the opt-out and friend links start with it)");
        }
        Map<String, MessageChannel> channels = new LinkedHashMap<>();
        otherChannels.orderedStream().forEach(channel -> channels.put(channel.name(), channel));
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            channels.put(MessageRequests.EMAIL, new EmailChannel(sender, properties.from()));
        } else if (properties.enabled()) {
            throw new IllegalStateException(
                    "referralbridge.messages.enabled needs an SMTP server: set spring.mail.host (and .port,"
                            + " .username, .password)");
        }
        MessageDelivery delivery = new MessageDelivery(
                json,
                patients,
                consents,
                suppressions,
                tokens,
                templates,
                requests,
                channels,
                events,
                properties,
                address,
                clock);
        // no circuit breaker: the SMTP server is not the EHR, and the queue's backoff paces the retries
        return new QueueWorker(messageOutbox, delivery, properties.worker());
    }
}
