package org.referralbridge.server.messages;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Program e-mail over SMTP: {@code multipart/alternative} with a plain-text and an HTML part, and the one-click
 * unsubscribe headers of RFC 8058 ({@code List-Unsubscribe: <https://...>}, {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click}), which the large mailbox providers require of bulk senders. An SMTP failure is
 * retried by the queue; a message that cannot be built is not.
 */
class EmailChannel implements MessageChannel {

    private final JavaMailSender mail;
    private final String from;

    EmailChannel(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public String name() {
        return MessageRequests.EMAIL;
    }

    @Override
    public void deliver(OutgoingMessage message) {
        MimeMessage mime;
        try {
            mime = mail.createMimeMessage();
            mime.setFrom(new InternetAddress(from));
            mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.address(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(message.sentAt()));
            mime.setHeader("List-Unsubscribe", "<" + message.optOutUrl() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            // alternatives go from the plainest to the richest (RFC 2046, 5.1.4)
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges();
        } catch (MessagingException | RuntimeException e) {
            // the exception may quote the address: only its type is kept
            throw new PermanentFailure(
                    "message " + message.messageId() + " cannot be built ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        }
        try {
            mail.send(mime);
        } catch (MailParseException | MailPreparationException e) {
            throw new PermanentFailure(
                    "message " + message.messageId() + " was refused ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        } catch (MailAuthenticationException e) {
            throw new RetryLater("the SMTP server refused our credentials", null, null);
        } catch (MailException e) {
            throw new RetryLater(
                    "sending message " + message.messageId() + " failed ("
                            + e.getClass().getSimpleName() + ")",
                    null,
                    null);
        }
    }
}
