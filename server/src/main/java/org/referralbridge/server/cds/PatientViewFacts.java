package org.referralbridge.server.cds;

import java.util.List;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralView;
import org.referralbridge.server.referral.ReviewItemView;

/**
 * What the program knows of the patient in view, already filtered by what this viewer may learn: the cards are
 * worded from it ({@link PatientViewCards}) without asking anyone anything.
 *
 * @param referral the referral that brought the patient, or null
 * @param referrer how the card names the referrer
 * @param mayThankReferrerByName whether the patient allowed the practice to tell their referrer that they came (a
 *     current {@code ReferralDisclosureConsent} naming that referrer); null when the referrer is not a patient
 * @param advocate the patient as an advocate, or null
 * @param tier the advocate's tier as the EHR's record shows it, or null
 * @param openReviews review items about this patient waiting for staff
 */
record PatientViewFacts(
        String patientId,
        Viewer viewer,
        ReferralView referral,
        ReferrerShown referrer,
        Boolean mayThankReferrerByName,
        AdvocateView advocate,
        String tier,
        List<ReviewItemView> openReviews) {

    PatientViewFacts {
        openReviews = openReviews == null ? List.of() : List.copyOf(openReviews);
    }

    /**
     * The referrer as this viewer may see them.
     *
     * @param name the referrer's name, when the viewer may see it and the EHR gave it; else null
     * @param withheld whether the name is kept from this viewer for lack of the referrer's consent
     */
    record ReferrerShown(String reference, String name, boolean withheld) {

        static final ReferrerShown NONE = new ReferrerShown(null, null, false);

        boolean isPatient() {
            return reference != null && reference.startsWith("Patient/");
        }
    }
}
