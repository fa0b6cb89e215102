package org.referralbridge.server.writeback;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.client.CurrentJson;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrResponseMalformed;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.fhirplugin.client.EhrWriteRefused;
import org.referralbridge.fhirplugin.client.ExtensionChange;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkHandler;
import org.referralbridge.server.queue.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one outbox row to the EHR: a version-checked change of our one extension on the Patient, nothing else of
 * it (see {@link EhrClient#updateExtension}), then a Provenance for the version written; or, for a reward's row, its
 * Basic and Tasks (see {@link RewardWriteBack}).
 */
class OutboxHandler implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxHandler.class);

    private final EhrClient ehr;
    private final ObjectMapper json;
    private final ProvenanceRecords provenance;
    /** The batch's Patients as one search returned them, each used once (see {@link #prepare}). */
    private final ThreadLocal<Map<String, CurrentJson>> batchPatients = new ThreadLocal<>();

    private final RewardWriteBack rewards;

    private final ConsentWriteBack consents;

    private final QuestionnaireResponses responses;

    private final MeasureReportWriteBack measureReports;

    private final Function<UUID, Optional<Integer>> advocateCounts;

    OutboxHandler(EhrClient ehr, ObjectMapper json, ProvenanceRecords provenance, ConsentWriteBack consents) {
        this(ehr, json, provenance, consents, null, advocateId -> Optional.empty());
    }

    /**
     * @param measureReports writes the monthly MeasureReports; null where there are none to write (unit tests)
     * @param advocateCounts an advocate's count of successful referrals now (empty: no such advocate, the queued
     *     count is written)
     */
    OutboxHandler(
            EhrClient ehr,
            ObjectMapper json,
            ProvenanceRecords provenance,
            ConsentWriteBack consents,
            MeasureReportWriteBack measureReports,
            Function<UUID, Optional<Integer>> advocateCounts) {
        this.advocateCounts = advocateCounts;
        this.ehr = ehr;
        this.json = json;
        this.provenance = provenance;
        this.rewards = new RewardWriteBack(ehr, provenance);
        this.consents = consents;
        this.responses = new QuestionnaireResponses(ehr, provenance);
        this.measureReports = measureReports;
    }

    /**
     * The count the advocate's extension is to show: theirs as it is now, not as it was when the row was queued, so
     * rows written out of order (or one queued before a reversal lowered the count) all end on the latest.
     */
    private int countNow(UUID advocateId, int queued) {
        return advocateId == null ? queued : advocateCounts.apply(advocateId).orElse(queued);
    }

    /** Which of our extensions to change, and how. */
    private record Change(String extensionUrl, ExtensionChange change, WritePayload payload) {}

    /**
     * Fetches the current JSON of the batch's Patients with one search instead of one read per item; a failed
     * search only costs the reads it would have saved. A second item of the same Patient in the batch reads it again,
     * since the first one changes it.
     */
    @Override
    public void prepare(List<WorkItem> batch) {
        batchPatients.remove();
        Set<String> ids = new LinkedHashSet<>();
        for (WorkItem item : batch) {
            if (WriteBackRequests.KINDS.contains(item.kind()) && "Patient".equals(item.resourceType())) {
                ids.add(item.resourceId());
            }
        }
        if (ids.size() < 2) {
            return;
        }
        try {
            batchPatients.set(new HashMap<>(ehr.currentJson("Patient", ids)));
        } catch (EhrException | IllegalArgumentException e) {
            log.debug(
                    "Fetching {} Patients for write-backs failed ({}); reading them one by one",
                    ids.size(),
                    e.getMessage());
        }
    }

    @Override
    public void batchDone() {
        batchPatients.remove();
    }

    @Override
    public void handle(WorkItem item) throws Exception {
        if (WriteBackRequests.REWARD.equals(item.kind())) {
            rewards.handle(item, payload(item, RewardPayload.class));
            return;
        }
        if (WriteBackRequests.QUESTIONNAIRE_RESPONSE.equals(item.kind())) {
            responses.handle(item, payload(item, QuestionnaireResponsePayload.class));
            return;
        }
        if (WriteBackRequests.CONSENT.equals(item.kind())) {
            consents.handle(item, payload(item, ConsentPayload.class));
            return;
        }
        if (WriteBackRequests.MEASURE_REPORT.equals(item.kind()) && measureReports != null) {
            measureReports.handle(item, payload(item, MeasureReportPayload.class));
            return;
        }
        Change change = switch (item.kind()) {
            case WriteBackRequests.REFERRER_REFERENCE -> {
                ReferrerPayload payload = payload(item, ReferrerPayload.class);
                yield new Change(
                        ReferralSource.URL,
                        current -> ReferralExtensions.setReferrer(current, payload.referrerReference()),
                        payload);
            }
            case WriteBackRequests.ADVOCATE_EXTENSION -> {
                AdvocateExtensionPayload payload = payload(item, AdvocateExtensionPayload.class);
                yield new Change(
                        ReferralAdvocate.URL,
                        current ->
                                ReferralExtensions.setAdvocate(current, payload.referralCode(), payload.enrolledAt()),
                        payload);
            }
            case WriteBackRequests.ADVOCATE_SUCCESSES -> {
                AdvocateSuccessesPayload payload = payload(item, AdvocateSuccessesPayload.class);
                yield new Change(
                        ReferralAdvocate.URL,
                        current -> ReferralExtensions.setSuccessfulReferrals(
                                current,
                                payload.referralCode(),
                                payload.enrolledAt(),
                                countNow(payload.advocateId(), payload.successfulReferrals())),
                        payload);
            }
            case WriteBackRequests.ADVOCATE_TIER -> {
                AdvocateTierPayload payload = payload(item, AdvocateTierPayload.class);
                yield new Change(
                        ReferralAdvocate.URL,
                        current -> ReferralExtensions.setTier(
                                current,
                                payload.referralCode(),
                                payload.enrolledAt(),
                                countNow(payload.advocateId(), payload.successfulReferrals()),
                                payload.tier()),
                        payload);
            }
            default -> throw new PermanentFailure("unknown outbox item kind " + item.kind(), null);
        };
        WriteOutcome outcome = write(item, change);
        switch (outcome.result()) {
            case WRITTEN -> {
                log.info(
                        "Wrote {} to Patient/{} (now version {})", item.kind(), item.resourceId(), outcome.versionId());
                recordProvenance(item, change.payload(), outcome);
            }
            case UNCHANGED -> {
                log.info("Patient/{} already carries {}; nothing written", item.resourceId(), item.kind());
                if (item.attempts() > 1) {
                    // an earlier attempt may have written and then failed before its Provenance
                    recordProvenance(item, change.payload(), outcome);
                }
            }
            case NOT_FOUND ->
                throw new PermanentFailure("Patient/" + item.resourceId() + " no longer exists in the EHR", null);
        }
    }

    /**
     * Reads the payload, or fails the item for good: a payload that cannot be read now never will be. The reason
     * names the kind and what is wrong, never the payload's content (Jackson's messages quote it).
     */
    private <P extends WritePayload> P payload(WorkItem item, Class<P> type) {
        P payload;
        try {
            payload = item.payload() == null ? null : json.readValue(item.payload(), type);
        } catch (JacksonException e) {
            throw new PermanentFailure(
                    "unreadable " + item.kind() + " payload (" + e.getClass().getSimpleName() + ")", null);
        }
        if (payload == null) {
            throw new PermanentFailure("unreadable " + item.kind() + " payload (empty)", null);
        }
        try {
            payload.requireComplete();
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("unreadable " + item.kind() + " payload (" + e.getMessage() + ")", null);
        }
        return payload;
    }

    /**
     * A request the EHR refused is not retried, unless the refusal was about our credentials: those get fixed (a key
     * registered, a client id corrected) and the write-back must still happen then.
     */
    static RuntimeException rejected(EhrRequestRejected e, String what) {
        if (e.isAuthenticationFailure()) {
            return new RetryLater(what + e.getMessage(), null, e);
        }
        return new PermanentFailure(what + e.getMessage(), e);
    }

    private void recordProvenance(WorkItem item, WritePayload payload, WriteOutcome outcome) {
        try {
            provenance.record(item, payload.writeId(), outcome.resourceType(), outcome.id(), outcome.versionId());
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrRequestRejected e) {
            throw rejected(e, "Provenance refused: ");
        }
    }

    private WriteOutcome write(WorkItem item, Change change) {
        try {
            Map<String, CurrentJson> fetched = batchPatients.get();
            CurrentJson current = fetched == null ? null : fetched.remove(item.resourceId());
            return ehr.updateExtension("Patient", item.resourceId(), change.extensionUrl(), change.change(), current);
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrResponseMalformed e) {
            // a maintenance page or a cut-off body: the next attempt may well get the resource
            throw new RetryLater(e.getMessage(), null, e);
        } catch (EhrRequestRejected e) {
            throw rejected(e, "");
        } catch (EhrWriteRefused e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
