package org.referralbridge.bench.intake;

import org.referralbridge.bench.pipeline.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.JavaProcess;
import org.referralbridge.bench.Options;
import org.referralbridge.bench.Report;

/**
 * Intake: notifications acked (200) and durably stored per second at the service's {@code /fhir/notify}, against
 * {@link BareIntakeApp} (a bare Spring Boot endpoint with one committed INSERT) in its own JVM, both on the same
 * PostgreSQL (a schema of this run's own, dropped at the end), in alternating rounds A B A B A B.
 *
 * <p>The service runs as it runs by default (profile {@code postgres}, worker settings as configured): its inbox
 * workers work during its rounds. The EHR they read from is the built-in sandbox in the service's JVM, which does
 * not hold the benchmark's patients, so each item costs one claim, one EHR read (404) and one completion. After each
 * of its rounds the harness waits until the inbox is drained, so no round inherits the previous one's backlog.
 */
public final class IntakeFigure implements Figure {

    private static final List<String> OPTIONS = List.of(
            "rounds", "seconds", "warmup", "senders", "drain-timeout", "server-jvm-opts", "bare-jvm-opts", "workers");

    @Override
    public String description() {
        return "notifications acked and stored per second at /fhir/notify vs a bare Spring Boot endpoint + INSERT"
                + " (PostgreSQL; options --rounds=3 --seconds=10 --warmup=10 --senders=8 --drain-timeout=120"
                + " --server-jvm-opts=... --bare-jvm-opts=... --workers=run|idle)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        Options options = new Options(args, OPTIONS);
        int rounds = options.integer("rounds", 3);
        Duration roundTime = options.seconds("seconds", 10);
        Duration warmup = options.seconds("warmup", 10);
        int senderCount = options.integer("senders", 8);
        Duration drainTimeout = options.seconds("drain-timeout", 120);
        boolean workersRun = switch (options.string("workers", "run")) {
            case "run" -> true;
            case "idle" -> false;
            default -> throw new IllegalArgumentException("--workers=run or --workers=idle");
        };
        String dbUrl = Options.env("RB_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String dbUser = Options.env("RB_BENCH_DB_USER", "postgres");
        String dbPassword = Options.env("RB_BENCH_DB_PASSWORD", "");
        String schema = "bench_" + ProcessHandle.current().pid();
        String bareSchema = schema + "_bare";
        String schemaUrl = dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String bareSchemaUrl = dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + bareSchema;
        String secret = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("rb-bench-intake-");
        Report.printf(
                Locale.ROOT,
                "intake: %d senders, warm-up %s per side, %d rounds of %s per side (A = service, B = bare), schemas %s and %s_bare,"
                        + " logs in %s%n",
                senderCount,
                warmup,
                rounds,
                roundTime,
                schema,
                schema,
                work);

        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            execute(db, "drop schema if exists " + schema + " cascade");
            execute(db, "drop schema if exists " + bareSchema + " cascade");
            execute(db, "create schema " + schema);
            execute(db, "create schema " + bareSchema);
            int servicePort = JavaProcess.freePort();
            int barePort = JavaProcess.freePort();
            List<String> serviceArgs = new ArrayList<>(List.of(
                    "-jar",
                    Path.of(System.getProperty("rb.bench.serverJar"))
                            .toAbsolutePath()
                            .toString(),
                    "--server.port=" + servicePort,
                    "--spring.profiles.active=postgres",
                    // no identity provider here: the local user store (nothing in this figure signs in)
                    "--referralbridge.security.mode=local",
                    "--referralbridge.security.admin-password=" + ServiceProcess.ADMIN_PASSWORD,
                    "--spring.flyway.schemas=" + schema));
            if (workersRun) {
                serviceArgs.addAll(
                        List.of("--referralbridge.sandbox.enabled=true", "--referralbridge.sandbox.journal="));
            } else {
                // pure intake: the EHR is a port nobody listens on, so the first calls fail at once and the circuit
                // breaker opens for an hour; while it is open the workers claim nothing
                serviceArgs.addAll(List.of(
                        "--referralbridge.sandbox.enabled=false",
                        "--referralbridge.ehr.base-url=http://127.0.0.1:" + JavaProcess.freePort() + "/fhir",
                        "--referralbridge.ehr.circuit-breaker.minimum-calls=1",
                        "--referralbridge.ehr.circuit-breaker.window=1",
                        "--referralbridge.ehr.circuit-breaker.wait-in-open=1h"));
            }
            Map<String, String> serviceEnv = Map.of(
                    "RB_DB_URL", schemaUrl,
                    "RB_DB_USER", dbUser,
                    "RB_DB_PASSWORD", dbPassword,
                    "RB_NOTIFY_SECRET", secret);
            List<String> bareArgs = List.of(
                    "-cp",
                    JavaProcess.classPath(),
                    BareIntakeApp.class.getName(),
                    "--server.port=" + barePort,
                    "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + bareSchemaUrl,
                    "--spring.datasource.username=" + dbUser,
                    "--spring.datasource.password=" + dbPassword,
                    "--bench.secret=" + secret);
            try (JavaProcess service = JavaProcess.start(
                            work.resolve("service"),
                            Options.jvmOptions(options.string("server-jvm-opts", "")),
                            serviceArgs,
                            serviceEnv);
                    JavaProcess bare = JavaProcess.start(
                            work.resolve("bare"),
                            Options.jvmOptions(options.string("bare-jvm-opts", "")),
                            bareArgs,
                            Map.of())) {
                long serviceReady = service.awaitOk(
                        "http://127.0.0.1:" + servicePort + "/actuator/health/readiness", Duration.ofMinutes(5));
                long bareReady = bare.awaitOk("http://127.0.0.1:" + barePort + "/ready", Duration.ofMinutes(5));
                Report.printf(
                        Locale.ROOT,
                        "started: service pid %d (ready after %.1f s), bare pid %d (ready after %.1f s)%n",
                        service.pid(),
                        serviceReady / 1e9,
                        bare.pid(),
                        bareReady / 1e9);
                String serviceBase = "http://127.0.0.1:" + servicePort + "/fhir/notify";
                String bareBase = "http://127.0.0.1:" + barePort + "/fhir/notify";
                Senders senders = new Senders(senderCount, secret);

                Report.println(
                        workersRun
                                ? "the service's inbox workers run (EHR: its sandbox; the harness waits for the inbox to drain"
                                        + " after each of its rounds)"
                                : "the service's inbox workers are idle (EHR unreachable, circuit breaker open): pure intake");
                senders.run(serviceBase, "wa", warmup);
                if (workersRun) {
                    awaitDrained(db, schema, drainTimeout);
                }
                senders.run(bareBase, "wb", warmup);

                List<Senders.Result> a = new ArrayList<>();
                List<Senders.Result> b = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    String prefix = "r" + round + "a";
                    Senders.Result service1 = senders.run(serviceBase, prefix, roundTime);
                    long stored = count(db, schema + ".inbox", prefix);
                    a.add(service1);
                    print(round, "A service", service1, stored);
                    if (workersRun) {
                        double drained = awaitDrained(db, schema, drainTimeout);
                        Report.printf(
                                Locale.ROOT, "        inbox drained by the service's workers %.1f s later%n", drained);
                    }
                    prefix = "r" + round + "b";
                    Senders.Result bare1 = senders.run(bareBase, prefix, roundTime);
                    b.add(bare1);
                    print(round, "B bare   ", bare1, count(db, bareSchema + ".bare_inbox", prefix));
                }
                double serviceRate =
                        median(a.stream().mapToDouble(Senders.Result::perSecond).toArray());
                double bareRate =
                        median(b.stream().mapToDouble(Senders.Result::perSecond).toArray());
                Report.ratio(
                        "intake /fhir/notify (median of " + rounds + ")",
                        serviceRate,
                        "bare Spring Boot + INSERT",
                        bareRate,
                        "notifications/s");
                Report.ratio(
                        "intake p50 latency",
                        median(a.stream()
                                .mapToDouble(r -> r.percentileMillis(50))
                                .toArray()),
                        "bare",
                        median(b.stream()
                                .mapToDouble(r -> r.percentileMillis(50))
                                .toArray()),
                        "ms");
                Report.ratio(
                        "intake p99 latency",
                        median(a.stream()
                                .mapToDouble(r -> r.percentileMillis(99))
                                .toArray()),
                        "bare",
                        median(b.stream()
                                .mapToDouble(r -> r.percentileMillis(99))
                                .toArray()),
                        "ms");
                if (!(bareRate > 0)) {
                    throw new IllegalStateException("the bare baseline acked nothing; see " + bare.log());
                }
                double ratio = serviceRate / bareRate;
                Report.printf(
                        Locale.ROOT,
                        "target: intake >= 0.85 x bare: %s (%.3f)%n",
                        ratio >= 0.85 ? "met" : "missed by " + String.format(Locale.ROOT, "%.3f", 0.85 - ratio),
                        ratio);
            } finally {
                execute(db, "drop schema if exists " + schema + " cascade");
                execute(db, "drop schema if exists " + bareSchema + " cascade");
            }
        }
    }

    private static void print(int round, String side, Senders.Result result, long stored) {
        Report.printf(
                Locale.ROOT,
                "round %d %s: %8.1f /s  (%d acked, %d failed, %d stored, %.1f s)  p50 %.1f ms  p99 %.1f ms%n",
                round,
                side,
                result.perSecond(),
                result.acked(),
                result.failed(),
                stored,
                result.seconds(),
                result.percentileMillis(50),
                result.percentileMillis(99));
        if (stored < result.acked()) {
            throw new IllegalStateException("acked " + result.acked() + " but stored only " + stored);
        }
    }

    /** Seconds until no inbox item is pending, polled every 100 ms, at most {@code timeout}. */
    private static double awaitDrained(Connection db, String schema, Duration timeout)
            throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select count(*) from " + schema + ".inbox where status = 'pending'")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            Thread.sleep(100);
        }
        Report.println("        (inbox not drained within " + timeout + "; going on)");
        return timeout.toSeconds();
    }

    private static long count(Connection db, String table, String prefix) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select count(*) from " + table + " where resource_id like '" + prefix + "-%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
