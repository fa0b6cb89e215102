package org.referralbridge.fhirplugin.hapi;

import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Whether a referrer allows being shown, as the referrer, to the patient they referred. {@link
 * ReferrerPrivacyInterceptor} asks it before it shows a referred Patient's {@code referrer} in a patient-facing
 * response; {@code false} removes the referrer from the response.
 *
 * <p>The default, {@link #never()}, always answers {@code false}: the conformance package has no consent for this
 * disclosure (see {@link RecognitionConsentDisclosure} for why neither consent profile fits, and for an opt-in that
 * reads one anyway).
 */
@FunctionalInterface
public interface ReferrerDisclosure {

    /**
     * @param referrer the referrer as the Patient names it, unqualified and versionless, e.g. {@code Patient/12}
     *     (also {@code Practitioner/…}, {@code RelatedPerson/…} or {@code Organization/…})
     * @param referredPatient the referred Patient, e.g. {@code Patient/34}
     */
    boolean allowsShowing(IIdType referrer, IIdType referredPatient);

    /** Never shows the referrer to a referred patient. */
    static ReferrerDisclosure never() {
        return (referrer, referredPatient) -> false;
    }
}
