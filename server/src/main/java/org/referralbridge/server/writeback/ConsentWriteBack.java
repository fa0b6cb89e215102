package org.referralbridge.server.writeback;

import org.hl7.fhir.r4.model.Consent;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a front-desk consent statement into the EHR: a new Consent, created conditionally on the statement's
 * identifier, or the EHR's own Consent changed with {@code If-Match} (a revocation makes it {@code inactive}); then
 * a Provenance, and the consent module learns the Consent's id. Idempotent: a retry finds what it wrote. A write
 * whose statement changed since (recorded, then revoked before the first write ran) is skipped: only the latest
 * word of a statement reaches the EHR, so a revoked consent never reads as active again.
 */
class ConsentWriteBack {

    private static final Logger log = LoggerFactory.getLogger(ConsentWriteBack.class);

    private final EhrClient ehr;
    private final ProvenanceRecords provenance;
    private final ConsentState consents;

    ConsentWriteBack(EhrClient ehr, ProvenanceRecords provenance, ConsentState consents) {
        this.ehr = ehr;
        this.provenance = provenance;
        this.consents = consents;
    }

    void handle(WorkItem item, ConsentPayload payload) {
        String now = consents.currentStatus(payload.statementId()).orElse(payload.status());
        if (!now.equals(payload.status())) {
            // recorded and revoked before this write ran: the revocation's own write carries the statement's word;
            // writing this one would make the EHR (and, through its notification, the consent state) say "active"
            // for a while after the patient withdrew it
            log.info(
                    "Consent statement {} is {} now: its earlier {} write is skipped",
                    payload.statementId(),
                    now,
                    payload.status());
            return;
        }
        String id = payload.ehrConsentId() != null ? payload.ehrConsentId() : findId(payload);
        String cause = "active".equals(payload.status()) ? "consent recorded by the front desk" : "consent revoked";
        if (id == null) {
            Consent fresh = ConsentResources.newConsent(payload);
            CreateOutcome created =
                    EhrCalls.call("create Consent", () -> ehr.create(fresh, ConsentResources.identifierQuery(payload)));
            String createdId = created.id() != null ? created.id() : findId(payload);
            if (createdId == null) {
                throw new RetryLater(
                        "the EHR reported no id for the Consent of statement " + payload.statementId(), null, null);
            }
            if (created.created() || item.attempts() > 1) {
                log.info("Wrote Consent/{} for consent statement {}", createdId, payload.statementId());
                record(item, payload, createdId, created.versionId(), created.created(), cause);
            }
            consents.writtenToEhr(payload.statementId(), createdId);
            return;
        }
        WriteOutcome outcome = EhrCalls.call(
                "update Consent/" + id,
                () -> ehr.update(Consent.class, id, consent -> {
                    if (ConsentResources.says(consent, payload)) {
                        return false;
                    }
                    ConsentResources.apply(consent, payload);
                    return true;
                }));
        switch (outcome.result()) {
            case WRITTEN -> {
                log.info("Consent/{} is now {} (statement {})", id, payload.status(), payload.statementId());
                record(item, payload, id, outcome.versionId(), false, cause);
            }
            case UNCHANGED -> log.info("Consent/{} already says {}; nothing written", id, payload.status());
            case NOT_FOUND -> throw new PermanentFailure("Consent/" + id + " no longer exists in the EHR", null);
        }
        consents.writtenToEhr(payload.statementId(), id);
    }

    private String findId(ConsentPayload payload) {
        return EhrCalls.findOne(ehr, "Consent", ConsentResources.identifierQuery(payload));
    }

    private void record(
            WorkItem item, ConsentPayload payload, String id, String version, boolean created, String cause) {
        EhrCalls.call("record Provenance", () -> {
            provenance.record(item, payload.writeId(), "Consent", id, version, created, cause);
            return null;
        });
    }
}
