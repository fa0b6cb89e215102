package org.referralbridge.server.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One consent of one patient for one kind, actor and channel, as it stood from {@code recordedAt} until {@code
 * supersededAt}: the current row has none. Rows are never deleted; a change supersedes the current row with a new one.
 */
@Entity
@Table(name = "consent_record")
class ConsentRecord {

    /** The empty actor or channel, so that the key's columns are never null. */
    static final String NONE = "";

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ConsentKind kind;

    @Column(name = "patient_id", nullable = false, updatable = false)
    private String patientId;

    @Column(name = "actor_patient_id", nullable = false, updatable = false)
    private String actorPatientId;

    @Column(nullable = false, updatable = false)
    private String channel;

    @Column(nullable = false, updatable = false)
    private boolean permit;

    @Column(nullable = false, updatable = false)
    private String status;

    @Column(name = "written_record", nullable = false, updatable = false)
    private boolean writtenRecord;

    @Column(name = "consented_at", updatable = false)
    private Instant consentedAt;

    @Column(nullable = false, updatable = false)
    private String source;

    @Column(name = "ehr_consent_id")
    private String ehrConsentId;

    @Column(name = "statement_id", nullable = false, updatable = false)
    private UUID statementId;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    protected ConsentRecord() {}

    static ConsentRecord of(
            ConsentStatement statement,
            String channel,
            ConsentSource source,
            UUID statementId,
            Instant now,
            String by) {
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.kind = statement.kind();
        record.patientId = statement.patientId();
        record.actorPatientId = statement.actorPatientId() == null ? NONE : statement.actorPatientId();
        record.channel = channel;
        record.permit = statement.permit();
        record.status = statement.status();
        record.writtenRecord = statement.writtenRecord();
        record.consentedAt = statement.consentedAt();
        record.source = source.name();
        record.ehrConsentId = statement.ehrConsentId();
        record.statementId = statementId;
        record.recordedAt = now;
        record.recordedBy = by;
        return record;
    }

    /** Whether this row lets the program do what it is about: active, a permit, and for SMS with a written record. */
    boolean permits() {
        boolean written = !kind.equals(ConsentKind.PROGRAM_MESSAGES) || !"sms".equals(channel) || writtenRecord;
        return supersededAt == null && ConsentStatement.ACTIVE.equals(status) && permit && written;
    }

    boolean sameAs(ConsentStatement statement) {
        return sameWordAs(statement) && java.util.Objects.equals(ehrConsentId, statement.ehrConsentId());
    }

    /** Whether the statement says what this row says (permit or deny, status, written record), wherever it is kept. */
    boolean sameWordAs(ConsentStatement statement) {
        return permit == statement.permit()
                && status.equals(statement.status())
                && writtenRecord == statement.writtenRecord();
    }

    void supersede(Instant now) {
        supersededAt = now;
    }

    ConsentView view() {
        return new ConsentView(
                id,
                statementId,
                kind.code(),
                patientId,
                actorPatientId.isEmpty() ? null : actorPatientId,
                channel.isEmpty() ? null : channel,
                permit ? "permit" : "deny",
                status,
                writtenRecord,
                permits(),
                consentedAt,
                source.toLowerCase(java.util.Locale.ROOT),
                ehrConsentId,
                recordedAt,
                recordedBy,
                supersededAt);
    }

    UUID id() {
        return id;
    }

    UUID statementId() {
        return statementId;
    }

    ConsentKind kind() {
        return kind;
    }

    String patientId() {
        return patientId;
    }

    String actorPatientId() {
        return actorPatientId;
    }

    String channel() {
        return channel;
    }

    String ehrConsentId() {
        return ehrConsentId;
    }

    Instant supersededAt() {
        return supersededAt;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    boolean fromApi() {
        return ConsentSource.API.name().equals(source);
    }
}
