package org.referralbridge.server.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.referralbridge.server.consent.ConsentRecorded;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.AdvocateEnrolled;
import org.referralbridge.server.referral.AdvocateSuccessesCounted;
import org.referralbridge.server.referral.ReferralLinked;
import org.referralbridge.server.reports.MeasureReportRequested;
import org.referralbridge.server.reward.AdvocateTierReached;
import org.referralbridge.server.reward.RewardChanged;
import org.springframework.context.event.EventListener;

/**
 * Turns domain events into outbox rows. Listeners run synchronously in the publishing transaction, so the outbox
 * row commits, or rolls back, with the change that caused it. Dedupe keys make a replayed event write nothing new.
 * Each payload gets a write id of its own here (see {@link WritePayload}).
 */
class WriteBackRequests {

    static final String ADVOCATE_EXTENSION = "advocate-extension";
    static final String ADVOCATE_SUCCESSES = "advocate-successes";
    static final String REFERRER_REFERENCE = "referrer-reference";
    static final String ADVOCATE_TIER = "advocate-tier";
    /** Every kind of outbox row that changes one extension of a Patient (the handler fetches those in batches). */
    static final Set<String> KINDS = Set.of(ADVOCATE_EXTENSION, ADVOCATE_SUCCESSES, REFERRER_REFERENCE, ADVOCATE_TIER);
    /**
     * A revision of a reward: its Basic and Tasks. The row names the reward's id as its resource id (the Basic's id is
     * the EHR's, and found by identifier).
     */
    static final String REWARD = "reward";
    /** An advocate's survey answer: a QuestionnaireResponse, created once. */
    static final String QUESTIONNAIRE_RESPONSE = "questionnaire-response";
    /** A front-desk consent statement: a Consent of ours, or the EHR's changed. */
    static final String CONSENT = "consent";
    /** A monthly MeasureReport of the program: created, or updated in place, by its identifier. */
    static final String MEASURE_REPORT = "measure-report";

    private final WorkQueue outbox;
    private final ObjectMapper json;

    WriteBackRequests(WorkQueue outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @EventListener
    void on(AdvocateEnrolled event) {
        outbox.enqueue(new NewWorkItem(
                ADVOCATE_EXTENSION,
                "Patient",
                event.patientId(),
                null,
                payload(new AdvocateExtensionPayload(
                        event.advocateId(), event.referralCode(), event.enrolledAt(), UUID.randomUUID())),
                "advocate:" + event.advocateId(),
                null));
    }

    @EventListener
    void on(ReferralLinked event) {
        outbox.enqueue(new NewWorkItem(
                REFERRER_REFERENCE,
                "Patient",
                event.referredPatientId(),
                null,
                payload(new ReferrerPayload(event.referralId(), event.referrerReference(), UUID.randomUUID())),
                "referral-referrer:" + event.referralId(),
                null));
    }

    /**
     * One row per count reached and cause (the dedupe key names both), so a replayed event queues nothing and a
     * count reached again after a reversal is queued anew; rows may be written in any order, because the handler
     * writes the advocate's count as it is when it writes.
     */
    @EventListener
    void on(AdvocateSuccessesCounted event) {
        outbox.enqueue(new NewWorkItem(
                ADVOCATE_SUCCESSES,
                "Patient",
                event.patientId(),
                null,
                payload(new AdvocateSuccessesPayload(
                        event.advocateId(),
                        event.referralCode(),
                        event.enrolledAt(),
                        event.successfulReferrals(),
                        UUID.randomUUID())),
                "advocate-successes:" + event.advocateId() + ":" + event.successfulReferrals()
                        + (event.cause() == null ? "" : ":" + event.cause()),
                null));
    }

    /**
     * One row per revision of the reward (the dedupe key names it), so a replayed event queues nothing; rows of one
     * reward may be written in any order, and the handler never replaces a newer revision with an older one.
     */
    @EventListener
    void on(RewardChanged event) {
        outbox.enqueue(new NewWorkItem(
                REWARD,
                "Basic",
                event.rewardId().toString(),
                null,
                payload(RewardPayload.of(event, UUID.randomUUID())),
                "reward:" + event.rewardId() + ":" + event.revision(),
                null));
    }

    /** One row per statement and status: recording and revoking a statement are two writes. */
    @EventListener
    void on(ConsentRecorded event) {
        outbox.enqueue(new NewWorkItem(
                CONSENT,
                "Consent",
                event.ehrConsentId() != null
                        ? event.ehrConsentId()
                        : event.statementId().toString(),
                null,
                payload(ConsentPayload.of(event, UUID.randomUUID())),
                "consent:" + event.statementId() + ":" + event.status(),
                null));
    }

    /** One row per survey answer (its id is the dedupe key): written once, never changed. */
    @EventListener
    void on(org.referralbridge.server.surveys.SurveyAnswered event) {
        outbox.enqueue(new NewWorkItem(
                QUESTIONNAIRE_RESPONSE,
                "QuestionnaireResponse",
                event.responseId().toString(),
                null,
                payload(QuestionnaireResponsePayload.of(event, UUID.randomUUID())),
                "questionnaire-response:" + event.responseId(),
                null));
    }

    /** One row per tier and count reached; the tier's label goes into the key as a digest (it may be long). */
    @EventListener
    void on(AdvocateTierReached event) {
        UUID tierDigest = UUID.nameUUIDFromBytes(event.tier().getBytes(StandardCharsets.UTF_8));
        outbox.enqueue(new NewWorkItem(
                ADVOCATE_TIER,
                "Patient",
                event.patientId(),
                null,
                payload(new AdvocateTierPayload(
                        event.advocateId(),
                        event.referralCode(),
                        event.enrolledAt(),
                        event.successfulReferrals(),
                        event.tier(),
                        UUID.randomUUID())),
                "advocate-tier:" + event.advocateId() + ":" + event.successfulReferrals() + ":" + tierDigest,
                null));
    }

    /**
     * One pending row per report (its identifier is the pending key): a second request while one waits is the same
     * write, since the handler computes the figures when it writes. Once a row is claimed, a new request queues a new
     * row: a re-run after late data writes again. The row's resource id is the month (a program key or referral code
     * would not fit, and the code is not for dead-letter lists).
     */
    @EventListener
    void on(MeasureReportRequested event) {
        outbox.enqueue(new NewWorkItem(
                MEASURE_REPORT,
                "MeasureReport",
                event.month().toString(),
                null,
                payload(MeasureReportPayload.of(event, UUID.randomUUID())),
                null,
                "measure-report:" + event.identifierValue()));
    }

    private String payload(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise write-back payload " + value.getClass(), e);
        }
    }
}
