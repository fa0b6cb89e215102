package org.referralbridge.server.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One durable queue table (see migration V1 for its shape). Claims take a lease instead of holding a row lock
 * during the work: claiming moves {@code available_at} into the future, so the HTTP calls a handler makes never
 * hold a database connection, and the item of a worker that died becomes claimable again when its lease ends.
 *
 * <p>Every claim also writes a fresh claim token (migration V5), and every later update of the item (done, retry,
 * dead letter, release, lease renewal) happens only while the row still carries the token of the claim it was
 * made under. A worker whose lease ran out while it worked, and whose item another worker has claimed since, so
 * loses its claim: its update changes nothing (the method answers false) and never overwrites the other worker's
 * result.
 */
public class WorkQueue {

    static final String PENDING = "pending";
    static final String DONE = "done";
    static final String DEAD = "dead";

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]{1,40}");
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String COLUMNS =
            "id, kind, resource_type, resource_id, version_id, payload, attempts, created_at, last_error, claim_token";
    private static final String STILL_CLAIMED = " where id = ? and claim_token = ? and status = 'pending'";

    private final String table;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Object signal = new Object();
    private boolean signalled;
    private int waiting;

    public WorkQueue(String table, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a queue table name: " + table);
        }
        this.table = table;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public String name() {
        return table;
    }

    /**
     * Adds an item in the caller's transaction, if there is one.
     *
     * @return false when an item with the same dedupe key, or a pending one with the same pending key, exists
     */
    public boolean enqueue(NewWorkItem item) {
        OffsetDateTime now = now();
        int inserted = jdbc.sql("insert into " + table
                        + " (kind, resource_type, resource_id, version_id, payload, dedupe_key, pending_key,"
                        + " status, attempts, available_at, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) on conflict do nothing")
                .params(
                        item.kind(),
                        item.resourceType(),
                        item.resourceId(),
                        item.versionId(),
                        item.payload(),
                        item.dedupeKey(),
                        item.pendingKey(),
                        now,
                        now)
                .update();
        if (inserted == 1) {
            signalWhenVisible();
        }
        return inserted == 1;
    }

    /**
     * Waits until an item is enqueued in this instance or {@code timeout} passes; items enqueued by other instances
     * are found by the next poll.
     */
    void awaitWork(Duration timeout) throws InterruptedException {
        synchronized (signal) {
            if (!signalled) {
                waiting++;
                try {
                    signal.wait(Math.max(1, timeout.toMillis()));
                } finally {
                    waiting--;
                }
            }
            signalled = false;
        }
    }

    /** Wakes the workers waiting in {@link #awaitWork}. */
    void signal() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /**
     * Wakes one waiting worker, if any waits, for one new item: waking them all on every enqueue woke every idle
     * worker of this instance per notification, and all but one of them claimed nothing (a wasted transaction each)
     * while the request threads needed the cores. A worker that is not waiting finds the item when it claims next.
     */
    private void signalOne() {
        synchronized (signal) {
            signalled = true;
            if (waiting > 0) {
                signal.notify();
            }
        }
    }

    private void signalWhenVisible() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signalOne();
                }
            });
        } else {
            signalOne();
        }
    }

    /** Claims up to {@code max} available items for {@code lease}, skipping items other workers hold. */
    public List<WorkItem> claim(int max, Duration lease) {
        List<WorkItem> claimed = transactions.execute(status -> {
            OffsetDateTime now = now();
            List<WorkItem> items = jdbc.sql("select " + COLUMNS + " from " + table
                            + " where status = 'pending' and available_at <= ?"
                            + " order by available_at, id limit ? for update skip locked")
                    .params(now, max)
                    .query(WorkQueue::toItem)
                    .list();
            List<WorkItem> mine = new ArrayList<>(items.size());
            for (WorkItem item : items) {
                String token = UUID.randomUUID().toString();
                // a claimed item no longer holds its pending key: a request that arrives while it is being worked on
                // may have come after the worker read the EHR, so it must be queued, not collapsed into this one
                jdbc.sql("update " + table + " set attempts = attempts + 1, available_at = ?, pending_key = null,"
                                + " claim_token = ? where id = ?")
                        .params(now.plus(lease), token, item.id())
                        .update();
                mine.add(claimedBy(item, token));
            }
            return mine;
        });
        return claimed;
    }

    /**
     * Extends the lease of a claimed item to {@code lease} from now (a worker's heartbeat while it works).
     *
     * @return false when the claim is no longer this one (the lease ran out and another worker claimed the item)
     */
    public boolean renew(WorkItem claimed, Duration lease) {
        return jdbc.sql("update " + table + " set available_at = ?" + STILL_CLAIMED)
                        .params(now().plus(lease), claimed.id(), claimed.claimToken())
                        .update()
                == 1;
    }

    /**
     * Marks a claimed item done; its pending key is released so a later request for the same subject is accepted.
     *
     * @return false when the claim was lost (see the class comment): nothing changed
     */
    public boolean complete(WorkItem claimed) {
        return jdbc.sql("update " + table + " set status = 'done', completed_at = ?, pending_key = null,"
                                + " last_error = null" + STILL_CLAIMED)
                        .params(now(), claimed.id(), claimed.claimToken())
                        .update()
                == 1;
    }

    /**
     * Schedules another attempt of a claimed item after {@code delay}, keeping the reason for operators. The
     * reason must be PHI-free (see {@link FailureText}).
     *
     * @return false when the claim was lost: nothing changed
     */
    public boolean retry(WorkItem claimed, Duration delay, String error) {
        return jdbc.sql("update " + table + " set available_at = ?, last_error = ?" + STILL_CLAIMED)
                        .params(now().plus(delay), truncate(error), claimed.id(), claimed.claimToken())
                        .update()
                == 1;
    }

    /**
     * Gives up on a claimed item: it stays visible as a dead letter until replayed. The reason must be PHI-free.
     *
     * @return false when the claim was lost: nothing changed
     */
    public boolean deadLetter(WorkItem claimed, String error) {
        return jdbc.sql("update " + table + " set status = 'dead', completed_at = ?, pending_key = null,"
                                + " last_error = ?" + STILL_CLAIMED)
                        .params(now(), truncate(error), claimed.id(), claimed.claimToken())
                        .update()
                == 1;
    }

    /**
     * Makes a claimed item available again at once (a worker shutting down hands back what it did not start).
     *
     * @return false when the claim was lost: nothing changed
     */
    public boolean release(WorkItem claimed) {
        return jdbc.sql("update " + table + " set available_at = ?, attempts = attempts - 1, claim_token = null"
                                + STILL_CLAIMED)
                        .params(now(), claimed.id(), claimed.claimToken())
                        .update()
                == 1;
    }

    public List<WorkItem> deadLetters(int limit) {
        return jdbc.sql("select " + COLUMNS + " from " + table + " where status = 'dead' order by id limit ?")
                .param(limit)
                .query(WorkQueue::toItem)
                .list();
    }

    /** Dead letters matching {@link QueueOperations#deadLetters}'s search, newest failure first. */
    List<DeadLetterRow> deadLetters(String search, long offset, int limit) {
        DeadLetterSearch where = DeadLetterSearch.of(search);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select id, kind, resource_type, resource_id, version_id, attempts, created_at, completed_at,"
                        + " last_error from " + table + " where status = 'dead'" + where.sql()
                        + " order by completed_at desc nulls last, id desc limit ? offset ?")
                .params(params)
                .query((rs, row) -> {
                    OffsetDateTime failed = rs.getObject("completed_at", OffsetDateTime.class);
                    WorkItem item = new WorkItem(
                            rs.getLong("id"),
                            rs.getString("kind"),
                            rs.getString("resource_type"),
                            rs.getString("resource_id"),
                            rs.getString("version_id"),
                            null,
                            rs.getInt("attempts"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getString("last_error"),
                            null);
                    return new DeadLetterRow(
                            item.id(),
                            item.kind(),
                            item.subject(),
                            item.attempts(),
                            item.createdAt(),
                            failed == null ? null : failed.toInstant(),
                            item.lastError());
                })
                .list();
    }

    long countDeadLetters(String search) {
        DeadLetterSearch where = DeadLetterSearch.of(search);
        return jdbc.sql("select count(*) from " + table + " where status = 'dead'" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /**
     * A search of dead letters: part of the kind (any case), or exactly an item id or a resource id. The text is
     * only ever a parameter, never part of the SQL.
     */
    private record DeadLetterSearch(String sql, List<Object> params) {

        static DeadLetterSearch of(String search) {
            if (search == null || search.isBlank()) {
                return new DeadLetterSearch("", List.of());
            }
            String text = search.strip();
            String like = "%"
                    + text.toLowerCase(java.util.Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            List<Object> params = new ArrayList<>(List.of(like, text));
            String sql = " and (lower(kind) like ? escape '\\' or resource_id = ?";
            if (text.matches("[0-9]{1,18}")) {
                sql += " or id = ?";
                params.add(Long.parseLong(text));
            }
            return new DeadLetterSearch(sql + ")", params);
        }
    }

    public Optional<WorkItem> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from " + table + " where id = ?")
                .param(id)
                .query(WorkQueue::toItem)
                .optional();
    }

    /** Puts a dead letter back on the queue with a fresh attempt count; false if it is not a dead letter. */
    public boolean replay(long id) {
        return jdbc.sql("update " + table
                                + " set status = 'pending', attempts = 0, available_at = ?, completed_at = null"
                                + " where id = ? and status = 'dead'")
                        .params(now(), id)
                        .update()
                == 1;
    }

    public QueueStats stats() {
        OffsetDateTime now = now();
        return jdbc.sql("select"
                        + " (select count(*) from " + table + " where status = 'pending') as pending,"
                        + " (select min(created_at) from " + table + " where status = 'pending') as oldest,"
                        + " (select count(*) from " + table + " where status = 'dead') as dead")
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, now);
                    return new QueueStats(table, rs.getLong("pending"), age, rs.getLong("dead"));
                })
                .single();
    }

    /** Deletes items completed before {@code before}; their dedupe keys no longer protect against re-delivery. */
    public int purgeCompleted(Instant before) {
        return jdbc.sql("delete from " + table + " where status = 'done' and completed_at < ?")
                .param(before.atOffset(ZoneOffset.UTC))
                .update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The item as its claimer holds it: this attempt counted, and the claim's token. */
    private static WorkItem claimedBy(WorkItem item, String token) {
        return new WorkItem(
                item.id(),
                item.kind(),
                item.resourceType(),
                item.resourceId(),
                item.versionId(),
                item.payload(),
                item.attempts() + 1,
                item.createdAt(),
                item.lastError(),
                token);
    }

    private static WorkItem toItem(ResultSet rs, int row) throws SQLException {
        return new WorkItem(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("version_id"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("last_error"),
                rs.getString("claim_token"));
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
