package org.referralbridge.fhirplugin.hapi;

/**
 * Where {@link ReferrerPrivacyInterceptor} reports each decision to show or hide a referrer in a patient-facing
 * response: the audit trail of the disclosure. {@link FhirAuditEventDisclosureAudit} writes AuditEvents into the same
 * server. It is called on the request's thread while the response is built, so it must neither block nor throw.
 */
@FunctionalInterface
public interface DisclosureAudit {

    void record(DisclosureDecision decision);

    /** Records nothing ({@code referralbridge.privacy.audit=false}). */
    static DisclosureAudit none() {
        return decision -> {};
    }
}
