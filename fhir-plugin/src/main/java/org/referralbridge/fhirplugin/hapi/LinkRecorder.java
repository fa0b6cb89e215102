package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.r4.model.Patient;

/** Records that the plugin changed a Patient it was creating, in the create's own transaction. */
interface LinkRecorder {

    /**
     * @param patient the Patient as stored, with its id and version
     * @param result what the plugin changed, and by which rules
     * @param request the create's request, or null when there is none
     * @param transaction the create's transaction
     */
    void record(Patient patient, ReferrerLinker.Result result, RequestDetails request, TransactionDetails transaction);
}
