package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes that the queue claim query runs on.
 *
 * <p>On PostgreSQL a claim with {@code FOR UPDATE SKIP LOCKED} slows from ~800 to ~70 claims/s as completed rows
 * pile up unless it runs on a partial index over pending rows (measured, see docs/architecture.md); H2 has no partial
 * indexes, and the embedded default never holds enough rows for it to matter, so it gets a plain one.
 */
public class V2__QueueClaimIndexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection()
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase()
                .contains("postgres");
        try (Statement statement = context.getConnection().createStatement()) {
            for (String table : new String[] {"inbox", "outbox"}) {
                statement.execute(
                        postgres
                                ? "create index " + table + "_claimable on " + table
                                        + " (available_at, id) where status = 'pending'"
                                : "create index " + table + "_claimable on " + table + " (status, available_at, id)");
                statement.execute("create index " + table + "_status on " + table + " (status, completed_at)");
            }
        }
    }
}
