package org.referralbridge.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each {@link IntegrationTest} class a PostgreSQL schema of its own (named after the class and this test run),
 * made afresh before its context starts and dropped when the run ends, so test classes can run in any order and
 * two runs on one database never see each other's rows. The database is
 * the one the test command made sure answers: {@code RB_TEST_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code RB_TEST_DB_USER} (default {@code postgres}),
 * {@code RB_TEST_DB_PASSWORD}.
 */
public class PostgresSchemaCustomizerFactory implements ContextCustomizerFactory {

    static final String URL = env("RB_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("RB_TEST_DB_USER", "postgres");
    static final String PASSWORD = env("RB_TEST_DB_PASSWORD", "");

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(IntegrationTest.class)) {
            return null;
        }
        return new SchemaCustomizer(schemaFor(testClass));
    }

    /** Tells this run's schemas from those of another run on the same database at the same time. */
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> MADE.forEach(PostgresSchemaCustomizerFactory::dropQuietly)));
    }

    static String schemaFor(Class<?> testClass) {
        String name =
                testClass.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String schema = "it_" + name;
        return schema.substring(0, Math.min(50, schema.length())) + "_" + RUN;
    }

    /** Drops and re-creates a schema; tests with more than one context on one schema call it themselves. */
    public static void recreateSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
            MADE.add(schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot prepare schema " + schema + " on " + URL
                            + " (is PostgreSQL running? the README's test command makes sure it is)",
                    e);
        }
    }

    private static void dropQuietly(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // the next run with this name drops it first
        }
    }

    /** Datasource settings for a schema of the test database. */
    public static Map<String, Object> datasourceFor(String schema) {
        return Map.of(
                "spring.datasource.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username", USER,
                "spring.datasource.password", PASSWORD,
                "spring.flyway.schemas", schema);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record SchemaCustomizer(String schema) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            recreateSchema(schema);
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("postgres-schema-" + schema, datasourceFor(schema)));
        }
    }
}
