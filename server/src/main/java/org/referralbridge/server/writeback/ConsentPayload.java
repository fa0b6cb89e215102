package org.referralbridge.server.writeback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.referralbridge.server.consent.ConsentRecorded;

/** What to write into the EHR for a consent the front desk recorded or revoked: a Consent of the kind's profile. */
record ConsentPayload(
        UUID statementId,
        String kind,
        String patientId,
        String actorPatientId,
        List<String> channels,
        Boolean permit,
        String status,
        Boolean writtenRecord,
        Instant consentedAt,
        String ehrConsentId,
        UUID writeId)
        implements WritePayload {

    static ConsentPayload of(ConsentRecorded event, UUID writeId) {
        return new ConsentPayload(
                event.statementId(),
                event.kind(),
                event.patientId(),
                event.actorPatientId(),
                event.channels(),
                event.permit(),
                event.status(),
                event.writtenRecord(),
                event.consentedAt(),
                event.ehrConsentId(),
                writeId);
    }

    @Override
    public void requireComplete() {
        WritePayload.require(statementId, "statementId");
        WritePayload.require(kind, "kind");
        WritePayload.require(patientId, "patientId");
        WritePayload.require(permit, "permit");
        WritePayload.require(status, "status");
        WritePayload.require(writeId, "writeId");
    }
}
