package org.referralbridge.testehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A real HAPI FHIR JPA server (FHIR R4) running in the test JVM: H2 in memory, served by embedded Jetty on a free
 * port of 127.0.0.1, with R4 rest-hook subscriptions enabled, in a plain Spring context of its own (no Spring Boot
 * auto-configuration, so a Spring Boot application tested in the same JVM is not disturbed).
 *
 * <p>Starting takes tens of seconds, so tests share one: {@link #shared()} (or {@link #shared(Options)} for a server
 * with plugins) starts it on first use and stops it when the JVM exits. Tests that share a server must not depend on
 * it being empty: give resources identifiers of their own and search by them.
 *
 * <p>Subscriptions behave as in a production HAPI JPA server: every change (a Subscription's own included) is
 * stored as a pending message and handed to the matcher by a scheduled job that runs every 5 seconds. So a new
 * Subscription turns {@code active} within ~5 s, and a rest-hook notification arrives up to ~5 s (plus matching and
 * delivery) after the write. Wait for both with Awaitility (e.g. {@code atMost(30, SECONDS)}), never with a fixed
 * sleep; a test that must not miss a notification waits until its Subscription reads back {@code active} first.
 */
public final class HapiJpaTestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HapiJpaTestServer.class);
    private static final Map<Options, HapiJpaTestServer> SHARED = new HashMap<>();
    private static final Map<Options, RuntimeException> FAILED = new HashMap<>();
    private static boolean shutdownHookAdded;

    private final AnnotationConfigApplicationContext context;
    private final JettyHost jetty;
    private final Duration startup;

    private HapiJpaTestServer(AnnotationConfigApplicationContext context, JettyHost jetty, Duration startup) {
        this.context = context;
        this.jetty = jetty;
        this.startup = startup;
    }

    /** Starts a server of its own; close it when done. Prefer {@link #shared(Options)} unless a test needs that. */
    public static HapiJpaTestServer start(Options options) {
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        QuietLogging.apply();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setDisplayName("test-ehr HAPI FHIR JPA server");
        context.register(JpaServerConfiguration.class, RestfulServerConfiguration.class);
        options.configurations().forEach(context::register);
        if (!options.beanPackages().isEmpty()) {
            context.scan(options.beanPackages().toArray(String[]::new));
        }
        try {
            context.refresh();
            JettyHost jetty = JettyHost.serve(context.getBean(RestfulServer.class));
            HapiJpaTestServer server =
                    new HapiJpaTestServer(context, jetty, Duration.ofNanos(System.nanoTime() - started));
            log.info("HAPI FHIR JPA test server at {} started in {} ms", server.baseUrl(), server.startup.toMillis());
            return server;
        } catch (RuntimeException failure) {
            context.close();
            throw failure;
        }
    }

    /** The server without plugins that the whole test JVM shares. */
    public static HapiJpaTestServer shared() {
        return shared(Options.defaults());
    }

    /**
     * The server with these options that the whole test JVM shares, started on first use and stopped at JVM exit.
     * If it failed to start once, later calls fail at once with the same exception instead of trying again.
     */
    public static synchronized HapiJpaTestServer shared(Options options) {
        RuntimeException failed = FAILED.get(options);
        if (failed != null) {
            throw failed;
        }
        HapiJpaTestServer server = SHARED.get(options);
        if (server != null) {
            return server;
        }
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(HapiJpaTestServer::closeShared, "test-ehr-shutdown"));
            shutdownHookAdded = true;
        }
        try {
            server = start(options);
        } catch (RuntimeException failure) {
            FAILED.put(options, failure);
            throw failure;
        }
        SHARED.put(options, server);
        return server;
    }

    private static synchronized void closeShared() {
        SHARED.values().forEach(HapiJpaTestServer::close);
        SHARED.clear();
    }

    /** The FHIR base URL, e.g. {@code http://127.0.0.1:41234/fhir}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + JettyHost.FHIR_PATH;
    }

    public int port() {
        return jetty.port();
    }

    /** The server's own R4 context (configured by HAPI JPA); use it for clients and parsing in tests. */
    public FhirContext fhirContext() {
        return context.getBean(FhirContext.class);
    }

    /**
     * A client of this server for tests: it skips the CapabilityStatement fetch before the first request, and waits
     * up to a minute for an answer (HAPI's default of 10 s is too short on a loaded 2-core machine, where a JPA
     * server's first requests are slow).
     */
    public IGenericClient client() {
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(fhirContext());
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setSocketTimeout((int) Duration.ofMinutes(1).toMillis());
        return factory.newGenericClient(baseUrl());
    }

    /** How long {@link #start} took, from the first bean to the open HTTP port. */
    public Duration startupTime() {
        return startup;
    }

    /**
     * Registers an interceptor with the server's {@link IInterceptorService}, so its hooks also fire for writes that
     * do not come through REST (transactions' inner operations, subscription processing, DAO calls by plugins).
     */
    public void registerInterceptor(Object interceptor) {
        context.getBean(IInterceptorService.class).registerInterceptor(interceptor);
    }

    public void unregisterInterceptor(Object interceptor) {
        context.getBean(IInterceptorService.class).unregisterInterceptor(interceptor);
    }

    /** A bean of the server's Spring context, e.g. {@code DaoRegistry}, for tests that need to look inside. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        try {
            jetty.close();
        } finally {
            context.close();
        }
    }

    /**
     * What to load into the server besides HAPI: Spring {@code @Configuration} classes and packages to scan for
     * components, the latter exactly as the public HAPI JPA server starter does with {@code
     * hapi.fhir.custom-bean-packages}. Equal options share one server in {@link #shared(Options)}.
     */
    public record Options(List<Class<?>> configurations, List<String> beanPackages) {

        public Options {
            configurations = List.copyOf(configurations);
            beanPackages = List.copyOf(beanPackages);
        }

        /** A bare HAPI FHIR JPA server. */
        public static Options defaults() {
            return new Options(List.of(), List.of());
        }

        public Options withConfiguration(Class<?> configuration) {
            List<Class<?>> more = new ArrayList<>(configurations);
            more.add(configuration);
            return new Options(more, beanPackages);
        }

        /** Packages to component-scan in the server's context, like {@code hapi.fhir.custom-bean-packages}. */
        public Options withBeanPackages(String... packages) {
            List<String> more = new ArrayList<>(beanPackages);
            more.addAll(List.of(packages));
            return new Options(configurations, more);
        }
    }
}
