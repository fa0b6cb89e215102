package org.referralbridge.server.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consents the program decides on, current and past. A statement (from the EHR or the front desk) becomes one
 * row per channel; it supersedes the current rows of the same keys and of the same EHR Consent, so the latest
 * statement wins and nothing is deleted. Every decision reads the current rows in the database, so a revocation
 * recorded now governs the next decision.
 */
@Service
public class ConsentState {

    private static final Logger log = LoggerFactory.getLogger(ConsentState.class);

    private final ConsentRecords records;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConsentState(
            ConsentRecords records, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.records = records;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Whether the patient's current consent of this kind lets the program act: for a disclosure, about this actor;
     * for recognition and messages, on this channel. No consent on record is no permission.
     */
    public boolean permits(ConsentKind kind, String patientId, String actorPatientId, String channel) {
        return Boolean.TRUE.equals(transactions.execute(
                status -> records.current(kind, patientId, key(actorPatientId), key(channel)).stream()
                        .findFirst()
                        .map(ConsentRecord::permits)
                        .orElse(false)));
    }

    /**
     * The statement whose current consent lets the program act, as {@link #permits} decides it: its id names the
     * consent in the audit trail of what was done under it. Empty when nothing permits it.
     */
    public Optional<UUID> permittingStatement(
            ConsentKind kind, String patientId, String actorPatientId, String channel) {
        return transactions.execute(
                status -> records.current(kind, patientId, key(actorPatientId), key(channel)).stream()
                        .findFirst()
                        .filter(ConsentRecord::permits)
                        .map(ConsentRecord::statementId));
    }

    /**
     * A Consent the EHR holds, as the ingest module read it. A Consent seen before with the same content changes
     * nothing (a repeated notification, or the notification of our own write).
     *
     * @return whether anything changed
     */
    public boolean fromEhr(ConsentStatement statement) {
        return fromEhr(statement, null, null);
    }

    /**
     * Like {@link #fromEhr(ConsentStatement)}, for a Consent the service itself wrote for a front-desk statement (its
     * identifier names the statement): it continues that statement, even when it arrives before the write-back noted
     * the Consent's id. A version the EHR last updated before the front desk's latest change of the statement is
     * older than what the service holds (the write-back of that change is still on its way) and changes nothing.
     *
     * @param ehrLastUpdated the Consent's {@code meta.lastUpdated}, or null when the EHR gives none
     */
    public boolean fromEhr(ConsentStatement statement, UUID writtenForStatement, Instant ehrLastUpdated) {
        Objects.requireNonNull(statement.ehrConsentId(), "a Consent from the EHR has an id");
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<ConsentRecord> previous = records.findByEhrConsentIdAndSupersededAtIsNull(statement.ehrConsentId());
            if (previous.isEmpty() && writtenForStatement != null) {
                records.linkToEhr(writtenForStatement, statement.ehrConsentId());
                previous = records.findByStatementIdAndSupersededAtIsNull(writtenForStatement);
            }
            if (unchanged(previous, statement)
                    || olderThanStaffChange(previous, ehrLastUpdated)
                    || echoOfAnEarlierWrite(writtenForStatement, previous, statement)) {
                return false;
            }
            UUID statementId =
                    previous.isEmpty() ? UUID.randomUUID() : previous.get(0).statementId();
            store(statement, ConsentSource.EHR, statementId, "ehr", previous);
            log.info(
                    "Consent/{} ({}) of Patient/{} recorded: {} {}",
                    statement.ehrConsentId(),
                    statement.kind().code(),
                    statement.patientId(),
                    statement.permit() ? "permit" : "deny",
                    statement.status());
            return true;
        }));
    }

    /** The front desk records a consent; the service writes it to the EHR. */
    public List<ConsentView> record(ConsentStatement statement, String by) {
        return transactions.execute(status -> {
            UUID statementId = UUID.randomUUID();
            List<ConsentView> stored = store(statement, ConsentSource.API, statementId, by, List.of());
            events.publishEvent(event(statementId, statement));
            log.info(
                    "Consent {} ({}) of Patient/{} recorded by staff: {}",
                    statementId,
                    statement.kind().code(),
                    statement.patientId(),
                    statement.permit() ? "permit" : "deny");
            return stored;
        });
    }

    /**
     * The front desk revokes a consent (the patient withdrew it): the statement's current rows are superseded by
     * inactive ones, and the EHR's Consent becomes {@code inactive}.
     *
     * @throws ConsentNotFound when no statement has this id, or it was superseded already
     */
    public List<ConsentView> revoke(UUID statementId, String by) {
        return transactions.execute(status -> {
            List<ConsentRecord> current = records.findByStatementIdAndSupersededAtIsNull(statementId);
            if (current.isEmpty()) {
                throw new ConsentNotFound(statementId);
            }
            ConsentRecord first = current.get(0);
            ConsentStatement revoked = new ConsentStatement(
                    first.kind(),
                    first.patientId(),
                    first.actorPatientId().isEmpty() ? null : first.actorPatientId(),
                    current.stream()
                            .map(ConsentRecord::channel)
                            .filter(c -> !c.isEmpty())
                            .toList(),
                    first.view().decision().equals("permit"),
                    ConsentStatement.INACTIVE,
                    first.view().writtenRecord(),
                    first.view().consentedAt(),
                    first.ehrConsentId());
            List<ConsentView> stored = store(revoked, ConsentSource.API, statementId, by, current);
            events.publishEvent(event(statementId, revoked));
            log.info("Consent {} of Patient/{} revoked by staff", statementId, first.patientId());
            return stored;
        });
    }

    /**
     * The status ({@code active}, {@code inactive}...) a statement has now, for a write-back to tell whether what it
     * carries is still the statement's latest word; empty for a statement nobody recorded.
     */
    public Optional<String> currentStatus(UUID statementId) {
        return transactions.execute(status -> records.findByStatementIdAndSupersededAtIsNull(statementId).stream()
                .findFirst()
                .map(record -> record.view().status()));
    }

    /** Notes the EHR's id of a Consent the service wrote for a statement. */
    public void writtenToEhr(UUID statementId, String ehrConsentId) {
        transactions.executeWithoutResult(status -> records.linkToEhr(statementId, ehrConsentId));
    }

    /** Every consent row of the patient, current and past, oldest first. */
    public List<ConsentView> of(String patientId) {
        return transactions.execute(status -> records.findByPatientIdOrderByRecordedAtAsc(patientId).stream()
                .map(ConsentRecord::view)
                .toList());
    }

    /** The Patients whose current recognition consent permits naming them on the channel, by id. */
    public List<String> recognisable(String channel) {
        return transactions.execute(status -> records
                .findByKindAndChannelAndSupersededAtIsNullOrderByPatientIdAsc(
                        ConsentKind.REFERRER_RECOGNITION, key(channel))
                .stream()
                .filter(ConsentRecord::permits)
                .map(ConsentRecord::patientId)
                .distinct()
                .toList());
    }

    private List<ConsentView> store(
            ConsentStatement statement,
            ConsentSource source,
            UUID statementId,
            String by,
            List<ConsentRecord> previous) {
        Instant now = clock.instant();
        previous.forEach(record -> record.supersede(now));
        List<String> channels = statement.channels().isEmpty() ? List.of(ConsentRecord.NONE) : statement.channels();
        List<ConsentView> stored = new ArrayList<>();
        for (String channel : channels) {
            records.current(statement.kind(), statement.patientId(), key(statement.actorPatientId()), channel)
                    .forEach(record -> record.supersede(now));
            stored.add(records.save(ConsentRecord.of(statement, channel, source, statementId, now, by))
                    .view());
        }
        return stored;
    }

    /**
     * Our own write of an earlier word of the statement, arriving after the front desk changed it: a write that was
     * on its way when the consent was revoked lands in the EHR after the revocation (so its {@code lastUpdated} is
     * later) but says what the statement said before. It must not bring the withdrawn consent back; the write of the
     * revocation follows it.
     */
    private boolean echoOfAnEarlierWrite(
            UUID writtenForStatement, List<ConsentRecord> previous, ConsentStatement statement) {
        if (writtenForStatement == null
                || previous.isEmpty()
                || !previous.stream().allMatch(ConsentRecord::fromApi)) {
            return false;
        }
        return records.findByStatementId(writtenForStatement).stream()
                .filter(record -> record.supersededAt() != null && record.fromApi())
                .anyMatch(record -> record.sameWordAs(statement));
    }

    private static boolean olderThanStaffChange(List<ConsentRecord> previous, Instant ehrLastUpdated) {
        return ehrLastUpdated != null
                && previous.stream()
                        .anyMatch(record ->
                                record.fromApi() && record.recordedAt().isAfter(ehrLastUpdated));
    }

    private static boolean unchanged(List<ConsentRecord> previous, ConsentStatement statement) {
        if (previous.isEmpty()) {
            return false;
        }
        List<String> channels = statement.channels().isEmpty() ? List.of(ConsentRecord.NONE) : statement.channels();
        List<String> had =
                previous.stream().map(ConsentRecord::channel).sorted().toList();
        return had.equals(channels.stream().sorted().toList())
                && previous.stream().allMatch(record -> record.sameAs(statement));
    }

    private static ConsentRecorded event(UUID statementId, ConsentStatement statement) {
        return new ConsentRecorded(
                statementId,
                statement.kind().code(),
                statement.patientId(),
                statement.actorPatientId(),
                statement.channels(),
                statement.permit(),
                statement.status(),
                statement.writtenRecord(),
                statement.consentedAt(),
                statement.ehrConsentId());
    }

    private static String key(String value) {
        return value == null ? ConsentRecord.NONE : value;
    }
}
