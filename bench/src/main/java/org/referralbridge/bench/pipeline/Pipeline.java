package org.referralbridge.bench.pipeline;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.referralbridge.bench.Report;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * One figure's set-up: the HAPI FHIR JPA server of module test-ehr in this JVM (the EHR), a PostgreSQL schema, and
 * the service started from its jar against both. Everything it started is stopped, and the schema dropped, when it
 * closes, when the JVM exits, and when the figure's hard time limit ends the run.
 */
public final class Pipeline implements AutoCloseable {

    /** The Subscriptions the service registers (server's EhrSubscriptions.CRITERIA). */
    static final int SERVICE_SUBSCRIPTIONS = 4;

    private final HapiJpaTestServer ehr;
    private final BenchDatabase database;
    private final EhrLoad load;
    private final String name;
    private ServiceProcess service;
    private boolean closed;

    private Pipeline(String name, HapiJpaTestServer ehr, BenchDatabase database) {
        this.name = name;
        this.ehr = ehr;
        this.database = database;
        this.load = new EhrLoad(ehr.baseUrl());
    }

    /** Starts the EHR and makes the schema; the whole run is stopped with exit code 3 after {@code limit}. */
    public static Pipeline start(String name, Duration limit) throws Exception {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(limit.toMillis());
                        Report.println("TIMEOUT " + name + ": stopped after " + limit);
                        System.exit(3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long started = System.nanoTime();
        HapiJpaTestServer ehr = HapiJpaTestServer.start(HapiJpaTestServer.Options.defaults());
        Pipeline pipeline = new Pipeline(name, ehr, BenchDatabase.create());
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "bench-cleanup"));
        // the JPA server builds its CapabilityStatement on the first request for it, which on a loaded machine can
        // take longer than the service's read timeout; an EHR in production has long answered it before
        pipeline.load.read("metadata");
        log(
                "EHR (HAPI FHIR JPA, in-process) at %s started in %d s; schema %s",
                ehr.baseUrl(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), pipeline.database.schema());
        return pipeline;
    }

    /**
     * Settings of every bench start of the service: the catch-up poller's schedule moved out of the run (its first
     * search would otherwise come 60 s after the start, in the middle of a figure, and re-queue what the figure
     * queued), everything else as configured by default.
     */
    public static Map<String, String> defaultProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("referralbridge.catch-up.interval", "1h");
        return properties;
    }

    public ServiceProcess startService(List<String> jvmOptions, Map<String, String> properties) throws Exception {
        if (service != null) {
            throw new IllegalStateException("the service is already running");
        }
        long started = System.nanoTime();
        service = ServiceProcess.start(name, ehr.baseUrl(), database, jvmOptions, properties, Duration.ofSeconds(600));
        log("service (pid %d) ready in %.1f s", service.pid(), (System.nanoTime() - started) / 1e9);
        return service;
    }

    public void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** Makes {@code count} Patients in the EHR and enrols each as an advocate; returns them with their codes. */
    public List<Advocate> enrolAdvocates(int count) throws Exception {
        List<Advocate> advocates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = load.create("Patient", EhrLoad.patient(name + "-advocate-" + i, null));
            advocates.add(new Advocate(id, service.enrol(id)));
        }
        return advocates;
    }

    /** Until the EHR's matcher holds the service's Subscriptions as active: only then is every change notified. */
    public void awaitSubscriptionsActive(Duration timeout) throws InterruptedException {
        SubscriptionRegistry registry = ehr.bean(SubscriptionRegistry.class);
        await("the service's Subscriptions active", timeout, () -> registry.size() >= SERVICE_SUBSCRIPTIONS);
    }

    /** Deletes the service's Subscriptions and waits until the EHR's matcher no longer holds them. */
    public void removeSubscriptions(Duration timeout) throws Exception {
        load.deleteServiceSubscriptions();
        SubscriptionRegistry registry = ehr.bean(SubscriptionRegistry.class);
        await("no Subscriptions active", timeout, () -> registry.size() == 0);
    }

    /** Until both queues have nothing pending. */
    public void awaitQueuesEmpty(Duration timeout) throws InterruptedException {
        await("empty queues", timeout, () -> {
            try {
                return database.pending("inbox") == 0 && database.pending("outbox") == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeout + " for " + what);
            }
            Thread.sleep(100);
        }
    }

    public EhrLoad load() {
        return load;
    }

    public BenchDatabase database() {
        return database;
    }

    public ServiceProcess service() {
        return service;
    }

    public static void log(String format, Object... args) {
        Report.printf(java.util.Locale.ROOT, "[bench] " + format + "%n", args);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopService();
        } finally {
            try {
                ehr.close();
            } catch (RuntimeException e) {
                Report.warn("EHR did not stop cleanly: " + e);
            } finally {
                database.close();
            }
        }
    }

    /** An enrolled advocate: their Patient id in the EHR and the referral code they hand out. */
    public record Advocate(String patientId, String code) {
        public String reference() {
            return "Patient/" + patientId;
        }
    }
}
