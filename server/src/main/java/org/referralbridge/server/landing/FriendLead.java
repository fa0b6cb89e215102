package org.referralbridge.server.landing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a referred friend sent from the landing page. PHI: {@link #toString()} names the id only, and logs name the
 * lead by its id.
 */
@Entity
@Table(name = "friend_leads")
class FriendLead {

    enum Status {
        OPEN,
        LINKED,
        /** The front desk closed it: the friend is not interested, or cannot be reached. */
        CLOSED
    }

    @Id
    private UUID id;

    @Column(name = "referral_code", nullable = false, updatable = false)
    private String referralCode;

    @Column(name = "advocate_patient_id", nullable = false, updatable = false)
    private String advocatePatientId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(updatable = false)
    private String email;

    @Column(updatable = false)
    private String phone;

    @Column(name = "phone_digits", updatable = false)
    private String phoneDigits;

    @Column(name = "preferred_time", nullable = false, updatable = false)
    private String preferredTime;

    @Column(updatable = false)
    private String message;

    @Column(name = "consent_disclosure", nullable = false, updatable = false)
    private boolean consentDisclosure;

    @Column(name = "consent_email", nullable = false, updatable = false)
    private boolean consentEmail;

    @Column(name = "consent_sms", nullable = false, updatable = false)
    private boolean consentSms;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "linked_patient_id")
    private String linkedPatientId;

    @Column(name = "contacted_at")
    private Instant contactedAt;

    @Column(name = "contacted_by")
    private String contactedBy;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "linked_at")
    private Instant linkedAt;

    protected FriendLead() {}

    static FriendLead open(String referralCode, String advocatePatientId, LeadForm form, Instant now) {
        FriendLead lead = new FriendLead();
        lead.id = UUID.randomUUID();
        lead.referralCode = referralCode;
        lead.advocatePatientId = advocatePatientId;
        lead.name = form.name().strip();
        lead.email = LeadForm.emailKey(form.email());
        lead.phone = blank(form.phone()) ? null : form.phone().strip();
        lead.phoneDigits = LeadForm.phoneKey(form.phone());
        lead.preferredTime = form.preferredTime();
        lead.message = blank(form.message()) ? null : form.message().strip();
        lead.consentDisclosure = form.consentDisclosure();
        lead.consentEmail = form.consentEmail();
        lead.consentSms = form.consentSms();
        lead.createdAt = now;
        lead.status = Status.OPEN;
        return lead;
    }

    /** Whether the EHR's emails or phones (normalised as {@code PatientFacts} does) include this lead's contact. */
    boolean sameContact(Set<String> emails, Set<String> phones) {
        return email != null && emails.contains(email) || phoneDigits != null && phones.contains(phoneDigits);
    }

    void link(String patientId, Instant now) {
        status = Status.LINKED;
        linkedPatientId = patientId;
        linkedAt = now;
    }

    /** Staff called or wrote back; the first time counts, a second mark changes nothing. */
    void contacted(String by, Instant now) {
        if (contactedAt == null) {
            contactedAt = now;
            contactedBy = by;
        }
    }

    /**
     * The front desk closes an open lead; a linked or closed one stays as it is.
     *
     * @return whether it was closed now
     */
    boolean close(String by, Instant now) {
        if (status != Status.OPEN) {
            return false;
        }
        status = Status.CLOSED;
        closedAt = now;
        closedBy = by;
        return true;
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }

    Instant contactedAt() {
        return contactedAt;
    }

    String contactedBy() {
        return contactedBy;
    }

    Instant linkedAt() {
        return linkedAt;
    }

    String phone() {
        return phone;
    }

    UUID id() {
        return id;
    }

    String referralCode() {
        return referralCode;
    }

    String advocatePatientId() {
        return advocatePatientId;
    }

    String email() {
        return email;
    }

    String phoneDigits() {
        return phoneDigits;
    }

    boolean consentDisclosure() {
        return consentDisclosure;
    }

    boolean consentEmail() {
        return consentEmail;
    }

    boolean consentSms() {
        return consentSms;
    }

    Instant createdAt() {
        return createdAt;
    }

    Status status() {
        return status;
    }

    String linkedPatientId() {
        return linkedPatientId;
    }

    String name() {
        return name;
    }

    String preferredTime() {
        return preferredTime;
    }

    String message() {
        return message;
    }

    @Override
    public String toString() {
        return "FriendLead[" + id + ", PHI]";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
