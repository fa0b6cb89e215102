package org.referralbridge.server.cds;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clinicians did with our cards, as the CDS client reports it (CDS Hooks "Feedback": each card {@code accepted}
 * or {@code overridden}, with the accepted suggestions or the override reason): counted by outcome
 * ({@code referralbridge_cds_feedback_total{outcome}}) and logged by card id, never more. The cards carry no
 * suggestions, so an accepted card is one the clinician acted on through its link.
 */
class CardFeedback {

    static final Set<String> OUTCOMES = Set.of("accepted", "overridden");
    private static final Logger log = LoggerFactory.getLogger(CardFeedback.class);

    private final Counter accepted;
    private final Counter overridden;

    CardFeedback(MeterRegistry registry) {
        this.accepted = counter(registry, "accepted");
        this.overridden = counter(registry, "overridden");
    }

    /** One card's outcome, as read from the request. */
    record Outcome(String card, String outcome) {}

    /**
     * Reads the request's {@code feedback} entries, all of them or none.
     *
     * @throws CdsRequestInvalid naming the first entry that is not one the spec describes
     */
    static List<Outcome> read(JsonNode body) {
        JsonNode entries = body.path("feedback");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new CdsRequestInvalid("feedback must be a non-empty array of {card, outcome, outcomeTimestamp}");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "feedback[" + i + "]";
            if (!entry.path("card").isTextual() || entry.path("card").asText().isBlank()) {
                throw new CdsRequestInvalid(where + ".card must be the uuid of the card");
            }
            String outcome = entry.path("outcome").asText("");
            if (!OUTCOMES.contains(outcome)) {
                throw new CdsRequestInvalid(where + ".outcome must be accepted or overridden");
            }
            try {
                OffsetDateTime.parse(entry.path("outcomeTimestamp").asText(""));
            } catch (DateTimeParseException e) {
                throw new CdsRequestInvalid(
                        where + ".outcomeTimestamp must be an instant such as 2026-12-04T10:15:00Z");
            }
            String card = entry.get("card").asText();
            outcomes.add(new Outcome(card.length() > 64 ? card.substring(0, 64) : card, outcome));
        }
        return outcomes;
    }

    void record(List<Outcome> outcomes, String issuer) {
        for (Outcome outcome : outcomes) {
            ("accepted".equals(outcome.outcome()) ? accepted : overridden).increment();
            log.info("CDS card {} {} (feedback from {})", outcome.card(), outcome.outcome(), issuer);
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("referralbridge.cds.feedback")
                .tag("outcome", outcome)
                .description("Our CDS cards as clinicians acted on them, by the CDS client's feedback")
                .register(registry);
    }
}
