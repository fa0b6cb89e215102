package org.referralbridge.server.writeback;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrResponseMalformed;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.fhirplugin.client.EhrVersionConflict;
import org.referralbridge.fhirplugin.client.EhrWriteRefused;
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
 * a Provenance, and the consent module learns the Consent's id. Idempotent: a retry finds what it wrote.
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
        String id = payload.ehrConsentId() != null ? payload.ehrConsentId() : findId(payload);
        String cause = "active".equals(payload.status()) ? "consent recorded by the front desk" : "consent revoked";
        if (id == null) {
            Consent fresh = ConsentResources.newConsent(payload);
            CreateOutcome created =
                    call("create Consent", () -> ehr.create(fresh, ConsentResources.identifierQuery(payload)));
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
        WriteOutcome outcome = call(
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
        String query = ConsentResources.identifierQuery(payload);
        int eq = query.indexOf('=');
        List<IBaseResource> found = call(
                "search Consent",
                () -> ehr.search("Consent", Map.of(query.substring(0, eq), List.of(query.substring(eq + 1))))
                        .limit(2)
                        .toList());
        if (found.size() > 1) {
            throw new PermanentFailure("the EHR holds more than one Consent with our identifier", null);
        }
        return found.isEmpty() ? null : found.get(0).getIdElement().getIdPart();
    }

    private void record(
            WorkItem item, ConsentPayload payload, String id, String version, boolean created, String cause) {
        call("record Provenance", () -> {
            provenance.record(item, payload.writeId(), "Consent", id, version, created, cause);
            return null;
        });
    }

    private static <R> R call(String what, Supplier<R> call) {
        try {
            return call.get();
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrResponseMalformed | EhrVersionConflict e) {
            throw new RetryLater(e.getMessage(), null, e);
        } catch (EhrRequestRejected e) {
            throw OutboxHandler.rejected(e, what + ": ");
        } catch (EhrWriteRefused e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
