package org.referralbridge.fhirplugin.hapi;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision to show or hide a referred Patient's referrer in a patient-facing response, as the audit trail keeps
 * it: ids and codes only, never a name.
 *
 * @param referredPatient the referred Patient, unqualified and versionless, e.g. {@code Patient/34}
 * @param referrer the referrer as the Patient references it, e.g. {@code Patient/12}; null when the Patient names the
 *     referrer without a reference (the display is not kept: it may be a name)
 * @param shown whether the response shows the referrer
 * @param consent the Consent that allowed showing it, e.g. {@code Consent/56}; null when hidden
 * @param reason why, a short code of {@link ReferrerDisclosure.Decision} (e.g. {@code no-consent-rule})
 * @param requester who asked: the Bearer token's {@code sub} claim, else its {@code client_id}, else {@value
 *     #ANONYMOUS}
 * @param address the caller's network address, or null when unknown
 * @param decidedAt when the response was built
 */
public record DisclosureDecision(
        String referredPatient,
        String referrer,
        boolean shown,
        String consent,
        String reason,
        String requester,
        String address,
        Instant decidedAt) {

    /** The requester of a request whose token names nobody (or that has no token, e.g. by the header rule). */
    public static final String ANONYMOUS = "anonymous";

    public DisclosureDecision {
        Objects.requireNonNull(referredPatient, "referredPatient");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** The audit action: {@code referrer.disclosed} or {@code referrer.redacted}. */
    public String action() {
        return shown ? "referrer.disclosed" : "referrer.redacted";
    }
}
