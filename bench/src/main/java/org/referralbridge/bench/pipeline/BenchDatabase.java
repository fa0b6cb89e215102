package org.referralbridge.bench.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.referralbridge.bench.Report;

/**
 * The service's PostgreSQL schema for one bench run ({@code bench_<pid>} in the test database, dropped at the end),
 * and the few queries the figures make on its queue tables: they are the service's own record of when a
 * notification arrived and when a write-back was done.
 */
public final class BenchDatabase implements AutoCloseable {

    static final String URL = System.getenv().getOrDefault("RB_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("RB_TEST_DB_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("RB_TEST_DB_PASSWORD", "");

    /** The outbox kind of the referred patient's write-back (server's WriteBackRequests.REFERRER_REFERENCE). */
    public static final String REFERRER_WRITE_BACK = "referrer-reference";

    private final String schema;
    private boolean dropped;

    private BenchDatabase(String schema) {
        this.schema = schema;
    }

    public static BenchDatabase create() throws SQLException {
        BenchDatabase database =
                new BenchDatabase("bench_" + ProcessHandle.current().pid());
        database.execute("drop schema if exists " + database.schema + " cascade");
        database.execute("create schema " + database.schema);
        return database;
    }

    public String schema() {
        return schema;
    }

    /** The JDBC URL the service gets: the test database with this run's schema as its current one. */
    public String serviceUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(serviceUrl(), USER, PASSWORD);
        connection.setAutoCommit(true);
        return connection;
    }

    /**
     * Queues "Patient/{id} version 1 changed" for each id in one transaction, exactly the row the service's
     * notification endpoint stores for a rest-hook PUT with {@code If-Match: W/"1"}.
     */
    public void queueNotifications(List<String> patientIds) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into inbox (kind, resource_type,"
                    + " resource_id, version_id, dedupe_key, status, attempts, available_at, created_at)"
                    + " values ('resource-changed', 'Patient', ?, '1', ?, 'pending', 0, now(), now())")) {
                for (String id : patientIds) {
                    insert.setString(1, id);
                    insert.setString(2, "Patient/" + id + "/_history/1");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /** Items not yet done (pending or leased) in a queue table. */
    public long pending(String table) throws SQLException {
        return single("select count(*) from " + table + " where status = 'pending'");
    }

    public long dead(String table) throws SQLException {
        return single("select count(*) from " + table + " where status = 'dead'");
    }

    public long doneWriteBacks() throws SQLException {
        return single("select count(*) from outbox where status = 'done' and kind = '" + REFERRER_WRITE_BACK + "'");
    }

    /** When each Patient's version-1 notification reached the service (its inbox row's creation). */
    public Map<String, Instant> arrivals() throws SQLException {
        return times("select resource_id, min(created_at) from inbox where resource_type = 'Patient'"
                + " and version_id = '1' group by resource_id");
    }

    /** When each referred Patient's write-back was done (after the write and its Provenance). */
    public Map<String, Instant> writeBacksDone() throws SQLException {
        return times("select resource_id, max(completed_at) from outbox where status = 'done' and kind = '"
                + REFERRER_WRITE_BACK + "' group by resource_id");
    }

    /** The newest inbox row's id, 0 for none: rows queued later have higher ones. */
    public long lastInboxId() throws SQLException {
        return single("select coalesce(max(id), 0) from inbox");
    }

    /** When the first inbox row after {@code afterId} was done: processing had started by then. */
    public Instant firstInboxDoneAfter(long afterId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query =
                        connection.prepareStatement("select min(completed_at) from inbox where id > ?")) {
            query.setLong(1, afterId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private Map<String, Instant> times(String sql) throws SQLException {
        Map<String, Instant> times = new HashMap<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                times.put(
                        rows.getString(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return times;
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        dropped = true;
        try {
            execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            Report.warn("could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
