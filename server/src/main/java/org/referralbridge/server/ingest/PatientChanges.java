package org.referralbridge.server.ingest;

import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.mapping.ReferralEvidence;
import org.referralbridge.server.referral.ReferralClaim;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Patient changed: read its current version from the EHR (a pushed payload alone is never trusted), let the
 * mapping profile find referral evidence, and hand it to the referral module (first valid referral wins; our own
 * write-back, coming back as a notification, changes nothing). A referral without a first Encounter yet has the
 * patient's finished Encounters looked up, since they may have reached us before the referral did.
 */
class PatientChanges {

    private static final Logger log = LoggerFactory.getLogger(PatientChanges.class);

    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final ReferralManagement referrals;
    private final FinishedEncounters encounters;
    private final BatchPrefetch prefetch;

    PatientChanges(
            EhrClient ehr,
            ProfileEvaluator mapping,
            ReferralManagement referrals,
            FinishedEncounters encounters,
            BatchPrefetch prefetch) {
        this.ehr = ehr;
        this.prefetch = prefetch;
        this.mapping = mapping;
        this.referrals = referrals;
        this.encounters = encounters;
    }

    void changed(String patientId) {
        Optional<Patient> patient = prefetch.takePatient(patientId).or(() -> ehr.read(Patient.class, patientId));
        if (patient.isEmpty()) {
            log.debug("Patient/{} is gone from the EHR; nothing to do", patientId);
            return;
        }
        Optional<ReferralEvidence> evidence = mapping.patientEvidence(patient.get());
        if (evidence.isEmpty()) {
            return;
        }
        Optional<ReferralRecording> recording = referrals.record(claim(patientId, evidence.get()));
        // also when the referral was recorded earlier: a retry after a failed look-up must look again
        if (recording.isPresent() && recording.get().referral().firstEncounterId() == null) {
            encounters.lookUpFor(patientId);
        }
    }

    private static ReferralClaim claim(String patientId, ReferralEvidence evidence) {
        return new ReferralClaim(
                patientId,
                evidence.referralCode().orElse(null),
                evidence.referrerReference().orElse(null),
                evidence.channel().code(),
                evidence.capturedAt().map(at -> at.toInstant()).orElse(null));
    }
}
