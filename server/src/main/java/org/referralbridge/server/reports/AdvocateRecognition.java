package org.referralbridge.server.reports;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.springframework.stereotype.Component;

/**
 * Who among the top advocates may be named, and by what name: only an advocate whose current referrer-recognition
 * consent permits the channel asked for, with the name the EHR holds now. One place, so the API's top advocates and
 * the staff dashboard's can never name different people.
 */
@Component
class AdvocateRecognition {

    private final ConsentState consents;
    private final EhrPatients patients;

    AdvocateRecognition(ConsentState consents, EhrPatients patients) {
        this.consents = consents;
        this.patients = patients;
    }

    /**
     * A function from referral code to the advocate's name, or null when the advocate may not be named on {@code
     * channel} (or is unknown).
     *
     * @throws EhrPatients.EhrUnreachable (when applied) when the EHR cannot be read for the name
     */
    Function<String, String> names(ReportData data, String channel) {
        Map<String, String> patientByCode = new HashMap<>();
        for (AdvocateFact advocate : data.advocates()) {
            patientByCode.put(advocate.referralCode(), advocate.patientId());
        }
        return code -> {
            String patientId = patientByCode.get(code);
            if (patientId == null || !consents.permits(ConsentKind.REFERRER_RECOGNITION, patientId, null, channel)) {
                return null;
            }
            return patients.summary(patientId)
                    .map(EhrPatients.PatientSummary::name)
                    .orElse(null);
        };
    }
}
