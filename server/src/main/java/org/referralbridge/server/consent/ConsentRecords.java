package org.referralbridge.server.consent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ConsentRecords extends Repository<ConsentRecord, UUID> {

    ConsentRecord save(ConsentRecord record);

    /** The current rows of one key (at most one, unless two writers raced; the latest wins). */
    @Query("select c from ConsentRecord c where c.kind = :kind and c.patientId = :patientId"
            + " and c.actorPatientId = :actor and c.channel = :channel and c.supersededAt is null"
            + " order by c.recordedAt desc")
    List<ConsentRecord> current(ConsentKind kind, String patientId, String actor, String channel);

    /** The current rows that came from one EHR Consent. */
    List<ConsentRecord> findByEhrConsentIdAndSupersededAtIsNull(String ehrConsentId);

    List<ConsentRecord> findByStatementIdAndSupersededAtIsNull(UUID statementId);

    List<ConsentRecord> findByStatementId(UUID statementId);

    /** Every row of the patient, current and past, oldest first. */
    List<ConsentRecord> findByPatientIdOrderByRecordedAtAsc(String patientId);

    /** Current rows of a kind and channel, for lists such as the recognition list. */
    List<ConsentRecord> findByKindAndChannelAndSupersededAtIsNullOrderByPatientIdAsc(ConsentKind kind, String channel);
}
