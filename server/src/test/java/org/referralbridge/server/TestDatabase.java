package org.referralbridge.server;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated PostgreSQL schema of its own for tests that need the database but not the application. */
public final class TestDatabase {

    private TestDatabase() {}

    public static DataSource migratedSchema(String schema) {
        PostgresSchemaCustomizerFactory.recreateSchema(schema);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(PostgresSchemaCustomizerFactory.URL);
        dataSource.setUser(PostgresSchemaCustomizerFactory.USER);
        dataSource.setPassword(PostgresSchemaCustomizerFactory.PASSWORD);
        dataSource.setCurrentSchema(schema);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }
}
