package org.referralbridge.fhirplugin.hapi;

import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Whether a referrer allows being shown, as the referrer, to the patient they referred, and on which consent. {@link
 * ReferrerPrivacyInterceptor} asks it before it shows a referred Patient's {@code referrer} in a patient-facing
 * response; a hidden {@link Decision} removes the referrer from the response. Each decision, with its consent and
 * reason, goes to the {@link DisclosureAudit}.
 *
 * <p>The default, {@link #never()}, always hides the referrer (reason {@value Decision#NO_CONSENT_RULE}): the
 * conformance package has no consent for this disclosure (see {@link RecognitionConsentDisclosure} for why neither
 * consent profile fits, and for an opt-in that reads one anyway).
 */
@FunctionalInterface
public interface ReferrerDisclosure {

    /**
     * @param referrer the referrer as the Patient names it, unqualified and versionless, e.g. {@code Patient/12}
     *     (also {@code Practitioner/…}, {@code RelatedPerson/…} or {@code Organization/…})
     * @param referredPatient the referred Patient, e.g. {@code Patient/34}
     */
    Decision decide(IIdType referrer, IIdType referredPatient);

    /** Never shows the referrer to a referred patient. */
    static ReferrerDisclosure never() {
        return (referrer, referredPatient) -> Decision.hidden(Decision.NO_CONSENT_RULE);
    }

    /**
     * Whether the referrer is shown, the consent that allowed it (unqualified and versionless, e.g. {@code
     * Consent/56}; null when hidden), and why, as a short code.
     */
    record Decision(boolean shown, IIdType consent, String reason) {

        /** No rule reads a consent for this disclosure ({@link ReferrerDisclosure#never()}). */
        public static final String NO_CONSENT_RULE = "no-consent-rule";
        /** The referrer's recognition consent allowed it ({@link RecognitionConsentDisclosure}). */
        public static final String RECOGNITION_CONSENT = "recognition-consent";
        /** The referrer has no consent that allows it: none, a deny, or one for other uses. */
        public static final String NO_PERMITTING_CONSENT = "no-permitting-consent";
        /** Only Patients give consents; a Practitioner, RelatedPerson or Organization referrer stays hidden. */
        public static final String REFERRER_NOT_A_PATIENT = "referrer-not-a-patient";
        /** The referrer is named without a reference (a display or identifier only), so nobody can be asked. */
        public static final String REFERRER_NOT_REFERENCED = "referrer-not-referenced";
        /** The disclosure failed (e.g. its Consent search); the referrer stays hidden. */
        public static final String LOOKUP_FAILED = "lookup-failed";

        public Decision {
            Objects.requireNonNull(reason, "reason");
            if (shown && consent == null) {
                throw new IllegalArgumentException("a referrer is shown only on a consent");
            }
            if (!shown && consent != null) {
                throw new IllegalArgumentException("a hidden referrer has no consent that allowed it");
            }
            consent = consent == null ? null : consent.toUnqualifiedVersionless();
        }

        public static Decision hidden(String reason) {
            return new Decision(false, null, reason);
        }

        public static Decision shownOn(IIdType consent, String reason) {
            return new Decision(true, Objects.requireNonNull(consent, "consent"), reason);
        }
    }
}
