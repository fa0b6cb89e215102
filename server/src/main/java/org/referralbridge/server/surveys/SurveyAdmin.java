package org.referralbridge.server.surveys;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.referralbridge.server.messages.MessagesProperties;
import org.springframework.stereotype.Service;

/**
 * The staff app's door to the survey: the results of a range of days, and a new round sent to every advocate (each
 * only with their program-messages consent), for the program manager's page.
 */
@Service
public class SurveyAdmin {

    /** What a round's sending did, in counts. */
    public record RoundSent(String roundId, int queued, int noConsent, int alreadySent) {}

    private final Surveys surveys;
    private final boolean enabled;

    SurveyAdmin(Surveys surveys, MessagesProperties messages) {
        this.surveys = surveys;
        this.enabled = messages.enabled();
    }

    /** Whether program messages are on, so a round can be sent at all. */
    public boolean messagesEnabled() {
        return enabled;
    }

    /** The answers given from the start of {@code from} to the end of {@code to} (UTC days), both included. */
    public SurveyResults results(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return surveys.results(start, end);
    }

    /** Sends a new round to every enrolled advocate; needs {@link #messagesEnabled()}. */
    public RoundSent sendToAllAdvocates() {
        Surveys.Sent sent = surveys.send(UUID.randomUUID().toString(), null);
        return new RoundSent(
                sent.roundId(),
                sent.queued().size(),
                sent.noConsent().size(),
                sent.alreadySent().size());
    }
}
