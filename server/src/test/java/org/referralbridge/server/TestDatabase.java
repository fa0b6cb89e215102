package org.referralbridge.server;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated PostgreSQL schema of its own for tests that need the database but not the application. */
public final class TestDatabase {

    private TestDatabase() {}

    /** A fresh schema named after the test class (and this run), migrated to the latest version. */
    public static DataSource migratedSchema(Class<?> testClass) {
        String schema = PostgresSchemaCustomizerFactory.schemaFor(testClass);
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
