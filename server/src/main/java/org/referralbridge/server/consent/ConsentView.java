package org.referralbridge.server.consent;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent row as the API shows it: ids and codes, no demographics.
 *
 * @param statementId the statement the row belongs to (one statement may cover several channels)
 * @param kind {@code referral-disclosure}, {@code referrer-recognition} or {@code program-messages}
 * @param actorPatientId for a disclosure consent, the referrer it is about
 * @param channel for recognition and messages, the channel; else null
 * @param decision {@code permit} or {@code deny}
 * @param permits whether, now, the program may do what it is about (current, active, a permit, SMS in writing)
 * @param source {@code ehr} or {@code api}
 * @param supersededAt when a later statement replaced it; null for the current row
 */
public record ConsentView(
        UUID id,
        UUID statementId,
        String kind,
        String patientId,
        String actorPatientId,
        String channel,
        String decision,
        String status,
        boolean writtenRecord,
        boolean permits,
        Instant consentedAt,
        String source,
        String ehrConsentId,
        Instant recordedAt,
        String recordedBy,
        Instant supersededAt) {}
