package org.referralbridge.server.ingest;

import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.ehr.EhrPatientFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A Patient changed: read its current version from the EHR (a pushed payload alone is never trusted), let the
 * mapping profile find referral evidence, and record it (first valid referral wins; our own write-back, coming back
 * as a notification, changes nothing).
 */
class PatientChanges {

    private static final Logger log = LoggerFactory.getLogger(PatientChanges.class);

    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final EvidenceClaims claims;
    private final BatchPrefetch prefetch;
    private final ApplicationEventPublisher events;

    PatientChanges(
            EhrClient ehr,
            ProfileEvaluator mapping,
            EvidenceClaims claims,
            BatchPrefetch prefetch,
            ApplicationEventPublisher events) {
        this.ehr = ehr;
        this.events = events;
        this.prefetch = prefetch;
        this.mapping = mapping;
        this.claims = claims;
    }

    void changed(String patientId) {
        Optional<Patient> patient = prefetch.takePatient(patientId).or(() -> ehr.read(Patient.class, patientId));
        if (patient.isEmpty()) {
            log.debug("Patient/{} is gone from the EHR; nothing to do", patientId);
            return;
        }
        // the Patient in hand also tells the identity checks who the referred patient is (no second read)
        mapping.patientEvidence(patient.get())
                .ifPresentOrElse(
                        evidence -> claims.record(evidence, EhrPatientFacts.of(patientId, patient.get())),
                        // no evidence: a landing-page lead with the same contact may name the referrer
                        () -> events.publishEvent(
                                new PatientWithoutReferralEvidence(EhrPatientFacts.of(patientId, patient.get()))));
    }
}
