package org.referralbridge.server;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole service instances started by a test, e.g. several on one database, as a production cluster runs. */
public final class Instances {

    private Instances() {}

    /** Starts an instance with the test profile on a random port, on the given (already made) schema. */
    public static ConfigurableApplicationContext start(String schema, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(PostgresSchemaCustomizerFactory.datasourceFor(schema));
        all.put("server.port", "0");
        all.putAll(properties);
        // as command-line arguments: they win over application.yml, as the test's settings must
        String[] arguments = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ReferralBridgeApplication.class)
                .profiles("test")
                .listeners(new AwaitSubscriptionsCheckedAtStart())
                .run(arguments);
    }

    /**
     * Two instances on one schema, as a production cluster runs: the first serves the sandbox EHR, the second
     * connects to it as to any EHR. Both get {@code properties}.
     */
    public static Cluster cluster(String schema, Map<String, Object> properties) {
        Map<String, Object> withSandbox = new HashMap<>(properties);
        withSandbox.put("referralbridge.sandbox.enabled", "true");
        ConfigurableApplicationContext first = start(schema, withSandbox);
        Map<String, Object> toItsEhr = new HashMap<>(properties);
        toItsEhr.put("referralbridge.sandbox.enabled", "false");
        toItsEhr.put("referralbridge.ehr.base-url", "http://localhost:" + port(first) + "/sandbox/fhir");
        return new Cluster(first, start(schema, toItsEhr));
    }

    /** @param first the instance that serves the sandbox EHR */
    public record Cluster(ConfigurableApplicationContext first, ConfigurableApplicationContext second) {

        public void close() {
            second.close();
            first.close();
        }
    }

    public static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    /** A schema for a test's instances, made afresh and dropped at the end of the run. */
    public static String schema(Class<?> testClass) {
        String schema = PostgresSchemaCustomizerFactory.schemaFor(testClass);
        PostgresSchemaCustomizerFactory.recreateSchema(schema);
        return schema;
    }
}
