package org.referralbridge.server.cds;

import java.util.Locale;

/**
 * Who looks at the chart, from the hook's {@code context.userId}: a clinician (a Practitioner or PractitionerRole)
 * sees everything the program knows; anyone else (a Patient or RelatedPerson in a portal, or a user the hook does
 * not name) is patient-facing and sees the referrer only as the referrer's consent allows.
 */
enum Viewer {
    CLINICIAN,
    PATIENT_FACING;

    static Viewer of(String userId) {
        if (userId == null) {
            return PATIENT_FACING;
        }
        String type = userId.strip().split("/", 2)[0].toLowerCase(Locale.ROOT);
        return type.equals("practitioner") || type.equals("practitionerrole") ? CLINICIAN : PATIENT_FACING;
    }
}
