package org.referralbridge.server.landing;

import java.time.Instant;
import java.util.UUID;

/**
 * A friend lead as staff see it, to call or write back. PHI (name, email, phone, message): shown to front-desk staff,
 * never logged; {@link #toString()} names the id only.
 *
 * @param state {@code waiting} (open, nobody called back yet), {@code contacted} (open, called back) or {@code linked}
 *     (the friend is a Patient now, and the lead is linked to them)
 * @param preferredTime when the friend would like a call: {@code morning}, {@code afternoon}, {@code evening} or {@code
 *     any}
 * @param advocatePatientId the Patient id of the advocate whose code the friend came with
 */
public record LeadView(
        UUID id,
        Instant receivedAt,
        String state,
        String name,
        String email,
        String phone,
        String preferredTime,
        String message,
        String referralCode,
        String advocatePatientId,
        boolean consentDisclosure,
        boolean consentEmail,
        boolean consentSms,
        Instant contactedAt,
        String contactedBy,
        String linkedPatientId,
        Instant linkedAt) {

    static LeadView of(FriendLead lead) {
        String state = lead.status() == FriendLead.Status.LINKED
                ? "linked"
                : lead.contactedAt() == null ? "waiting" : "contacted";
        return new LeadView(
                lead.id(),
                lead.createdAt(),
                state,
                lead.name(),
                lead.email(),
                lead.phone(),
                lead.preferredTime(),
                lead.message(),
                lead.referralCode(),
                lead.advocatePatientId(),
                lead.consentDisclosure(),
                lead.consentEmail(),
                lead.consentSms(),
                lead.contactedAt(),
                lead.contactedBy(),
                lead.linkedPatientId(),
                lead.linkedAt());
    }

    @Override
    public String toString() {
        return "LeadView[" + id + ", " + state + ", PHI]";
    }
}
