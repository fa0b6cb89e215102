package org.referralbridge.server.audit;

/**
 * The changes the audit trail knows, each with the stable dotted code it records and exports as
 * {@code AuditEvent.subtype}. The conformance CodeSystem {@code referral-bridge-audit-action} names exactly these
 * codes (its binding is required, so an exported event with any other code would not validate); a new kind of change
 * adds a constant here and a concept there, and {@code FhirAuditEventsTests} fails until both are done.
 */
public enum AuditAction {
    ADVOCATE_ENROLLED("advocate.enrolled"),
    DEAD_LETTER_REPLAYED("dead-letter.replayed"),
    SUBSCRIPTIONS_CHECKED("subscriptions.checked"),
    USER_ADDED("user.added"),
    NOTIFY_SECRET_ROTATED("notify-secret.rotated"),
    REVIEW_CONFIRMED("review-item.confirmed"),
    REVIEW_REJECTED("review-item.rejected"),
    PROGRAM_CHANGED("program.changed"),
    REWARD_APPROVED("reward.approved"),
    REWARD_ISSUED("reward.issued"),
    REWARD_VOIDED("reward.voided"),
    REWARD_OVERRIDDEN("reward.overridden"),
    CONSENT_RECORDED("consent.recorded"),
    CONSENT_REVOKED("consent.revoked"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_WITHHELD("message.withheld"),
    MESSAGE_OPTED_OUT("message.opted-out"),
    LEAD_CONTACTED("lead.contacted"),
    LEAD_CLOSED("lead.closed"),
    MEASURE_REPORTS_QUEUED("measure-report.queued"),
    /*
     * The fhir-plugin records these two in the EHR's own FHIR server, as AuditEvents of the same profile, when its
     * referrer privacy interceptor shows or hides a referrer in a patient-facing response; this service never records
     * them, but names them so the CodeSystem and this list stay one.
     */
    REFERRER_DISCLOSED("referrer.disclosed"),
    REFERRER_REDACTED("referrer.redacted");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The code recorded in the audit trail, filtered on by {@code GET /api/audit?action=}, and exported. */
    public String code() {
        return code;
    }
}
