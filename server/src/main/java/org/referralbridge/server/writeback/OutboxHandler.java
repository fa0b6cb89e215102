package org.referralbridge.server.writeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.fhirplugin.client.ResourceChange;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkHandler;
import org.referralbridge.server.queue.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies one outbox row to the EHR with a version-checked read-modify-write. */
class OutboxHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxHandler.class);

    private final EhrClient ehr;
    private final ObjectMapper json;
    private final ProvenanceRecords provenance;

    OutboxHandler(EhrClient ehr, ObjectMapper json, ProvenanceRecords provenance) {
        this.ehr = ehr;
        this.json = json;
        this.provenance = provenance;
    }

    @Override
    public void handle(WorkItem item) throws Exception {
        ResourceChange<Patient> change = switch (item.kind()) {
            case WriteBackRequests.REFERRER_REFERENCE -> {
                ReferrerPayload payload = json.readValue(item.payload(), ReferrerPayload.class);
                yield patient -> ReferralExtensions.setReferrer(patient, payload.referrerReference());
            }
            case WriteBackRequests.ADVOCATE_EXTENSION -> {
                AdvocateExtensionPayload payload = json.readValue(item.payload(), AdvocateExtensionPayload.class);
                yield patient -> ReferralExtensions.setAdvocate(patient, payload.referralCode(), payload.enrolledAt());
            }
            default -> throw new PermanentFailure("unknown outbox item kind " + item.kind(), null);
        };
        WriteOutcome outcome = write(item, change);
        switch (outcome.result()) {
            case WRITTEN -> {
                log.info(
                        "Wrote {} to Patient/{} (now version {})", item.kind(), item.resourceId(), outcome.versionId());
                recordProvenance(item, outcome);
            }
            case UNCHANGED -> {
                log.info("Patient/{} already carries {}; nothing written", item.resourceId(), item.kind());
                if (item.attempts() > 1) {
                    // an earlier attempt may have written and then failed before its Provenance
                    recordProvenance(item, outcome);
                }
            }
            case NOT_FOUND ->
                throw new PermanentFailure("Patient/" + item.resourceId() + " no longer exists in the EHR", null);
        }
    }

    /**
     * A request the EHR refused is not retried, unless the refusal was about our credentials: those get fixed (a key
     * registered, a client id corrected) and the write-back must still happen then.
     */
    private static RuntimeException rejected(EhrRequestRejected e, String what) {
        if (e.isAuthenticationFailure()) {
            return new RetryLater(what + e.getMessage(), null, e);
        }
        return new PermanentFailure(what + e.getMessage(), e);
    }

    private void recordProvenance(WorkItem item, WriteOutcome outcome) {
        try {
            provenance.record(item, outcome.resourceType(), outcome.id(), outcome.versionId());
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrRequestRejected e) {
            throw rejected(e, "Provenance refused: ");
        }
    }

    private WriteOutcome write(WorkItem item, ResourceChange<Patient> change) {
        try {
            return ehr.update(Patient.class, item.resourceId(), change);
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrRequestRejected e) {
            throw rejected(e, "");
        }
    }
}
