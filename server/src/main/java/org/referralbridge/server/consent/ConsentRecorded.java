package org.referralbridge.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The front desk recorded or revoked a consent: the EHR should hold it as a Consent of the kind's profile (a new one,
 * identified by {@code statementId}, or the EHR's own {@code ehrConsentId} changed). Published in the transaction that
 * recorded it, so the write-back commits with it.
 *
 * @param kind the kind's code, e.g. {@code program-messages}
 * @param ehrConsentId the EHR's Consent this statement changes; null for a consent new to the EHR
 */
public record ConsentRecorded(
        UUID statementId,
        String kind,
        String patientId,
        String actorPatientId,
        List<String> channels,
        boolean permit,
        String status,
        boolean writtenRecord,
        Instant consentedAt,
        String ehrConsentId) {}
