package org.referralbridge.server.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.referralbridge.server.queue.NewWorkItem;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.AdvocateEnrolled;
import org.referralbridge.server.referral.ReferralLinked;
import org.springframework.context.event.EventListener;

/**
 * Turns domain events into outbox rows. Listeners run synchronously in the publishing transaction, so the outbox
 * row commits, or rolls back, with the change that caused it. Dedupe keys make a replayed event write nothing new.
 */
class WriteBackRequests {

    static final String ADVOCATE_EXTENSION = "advocate-extension";
    static final String REFERRER_REFERENCE = "referrer-reference";

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
                payload(new AdvocateExtensionPayload(event.advocateId(), event.referralCode(), event.enrolledAt())),
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
                payload(new ReferrerPayload(event.referralId(), event.referrerReference())),
                "referral-referrer:" + event.referralId(),
                null));
    }

    private String payload(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise write-back payload " + value.getClass(), e);
        }
    }
}
