package org.referralbridge.server.ehr;

import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.referral.EhrPatients;
import org.springframework.stereotype.Component;

/** Answers the referral module's questions about patients by reading the EHR. */
@Component
class EhrPatientDirectory implements EhrPatients {

    private final EhrClient ehr;

    EhrPatientDirectory(EhrClient ehr) {
        this.ehr = ehr;
    }

    @Override
    public boolean exists(String patientId) {
        try {
            return ehr.read(Patient.class, patientId).isPresent();
        } catch (EhrException e) {
            throw new EhrUnreachable(e.getMessage(), e);
        }
    }
}
