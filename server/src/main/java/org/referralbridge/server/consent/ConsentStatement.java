package org.referralbridge.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One consent as the EHR or the front desk states it, in the program's terms: ids and codes only.
 *
 * @param kind which of the three consents
 * @param patientId the Patient who consents (or refuses)
 * @param actorPatientId for a disclosure consent, the referrer it is about; else null
 * @param channels for recognition: newsletter, social-media, office-display; for messages: email or sms; else empty
 * @param permit permit (true) or deny (false)
 * @param status the Consent status: {@code active}, {@code inactive} (revoked), {@code rejected}, {@code proposed}
 * @param writtenRecord whether a written record of it is attached (an SMS opt-in needs one)
 * @param consentedAt when the patient gave it, as the Consent says; null: unknown
 * @param ehrConsentId the EHR's Consent id, when it came from (or was written to) the EHR; else null
 */
public record ConsentStatement(
        ConsentKind kind,
        String patientId,
        String actorPatientId,
        List<String> channels,
        boolean permit,
        String status,
        boolean writtenRecord,
        Instant consentedAt,
        String ehrConsentId) {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final List<String> STATUSES = List.of(ACTIVE, INACTIVE, "rejected", "proposed");

    public ConsentStatement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patientId, "patientId");
        channels = channels == null
                ? List.of()
                : channels.stream()
                        .map(c -> c.strip().toLowerCase(Locale.ROOT))
                        .distinct()
                        .sorted()
                        .toList();
        status = status == null ? ACTIVE : status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("consent status must be one of " + STATUSES);
        }
    }
}
