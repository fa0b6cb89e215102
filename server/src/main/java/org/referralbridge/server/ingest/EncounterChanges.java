package org.referralbridge.server.ingest;

import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.referralbridge.fhirplugin.client.EhrClient;

/**
 * An Encounter changed: read it from the EHR and, when it is finished, tell the referral module (it matters only for
 * referred patients).
 */
class EncounterChanges {

    private final EhrClient ehr;
    private final FinishedEncounters finished;

    EncounterChanges(EhrClient ehr, FinishedEncounters finished) {
        this.ehr = ehr;
        this.finished = finished;
    }

    void changed(String encounterId) {
        Optional<Encounter> encounter = ehr.read(Encounter.class, encounterId);
        encounter.ifPresent(finished::changed);
    }
}
