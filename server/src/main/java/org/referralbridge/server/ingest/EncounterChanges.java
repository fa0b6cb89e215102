package org.referralbridge.server.ingest;

import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.EncounterFacts;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.referral.ReferralManagement;

/**
 * An Encounter changed: read it from the EHR, take its facts through the mapping profile, and when it is finished,
 * tell the referral module (it matters only for referred patients).
 */
class EncounterChanges {

    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final ReferralManagement referrals;

    EncounterChanges(EhrClient ehr, ProfileEvaluator mapping, ReferralManagement referrals) {
        this.ehr = ehr;
        this.mapping = mapping;
        this.referrals = referrals;
    }

    void changed(String encounterId) {
        Optional<Encounter> encounter = ehr.read(Encounter.class, encounterId);
        if (encounter.isEmpty()) {
            return;
        }
        EncounterFacts facts = mapping.encounterFacts(encounter.get());
        if (facts.patientId().isEmpty()
                || !facts.status().map("finished"::equals).orElse(false)) {
            return;
        }
        Instant finishedAt = facts.periodEnd()
                .or(facts::periodStart)
                .map(at -> at.toInstant())
                .orElseGet(() -> encounter.get().getMeta().getLastUpdated() == null
                        ? Instant.now()
                        : encounter.get().getMeta().getLastUpdated().toInstant());
        referrals.encounterFinished(facts.patientId().get(), encounterId, finishedAt);
    }
}
