package org.referralbridge.server.landing;

import java.time.Instant;
import java.util.UUID;

/**
 * A friend lead as staff see it, to call or write back. PHI (name, email, phone, message): shown to front-desk staff,
 * never logged; {@link #toString()} names the id only.
 *
 * @param state {@code waiting} (open, nobody called back yet), {@code contacted} (open, called back), {@code linked}
 *     (the friend is a Patient now, and the lead is linked to them) or {@code closed} (the front desk closed it)
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
        Instant linkedAt,
        Instant closedAt,
        String closedBy) {

    static LeadView of(FriendLead lead) {
        String state;
        if (lead.status() == FriendLead.Status.LINKED) {
            state = "linked";
        } else if (lead.status() == FriendLead.Status.CLOSED) {
            state = "closed";
        } else {
            state = lead.contactedAt() == null ? "waiting" : "contacted";
        }
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
                lead.linkedAt(),
                lead.closedAt(),
                lead.closedBy());
    }

    @Override
    public String toString() {
        return "LeadView[" + id + ", " + state + ", PHI]";
    }
}
