package org.referralbridge.bench.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.JavaProcess;
import org.referralbridge.bench.Options;
import org.referralbridge.bench.Report;
import org.referralbridge.bench.intake.BareIntakeApp;

/**
 * Start and memory: the embedded default ({@code java -jar referral-bridge-server.jar}, H2 + sandbox, a fresh
 * directory each time, so Flyway migrates an empty database) from the process start to its readiness probe answering
 * 200, and its RSS a few seconds after that; with the JVM's defaults, and with the {@code JAVA_TOOL_OPTIONS} line the
 * README recommends. Baselines in the same run, alternating with it: {@code java -version} (the JVM's own floor) and
 * {@link BareIntakeApp} on an H2 file database (what any Spring Boot web + JDBC service costs on this machine).
 */
public final class StartFigure implements Figure {

    /** The README's recommended production line; keep the two in step. */
    public static final String RECOMMENDED =
            "-XX:+UseSerialGC -Xmx320m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=256m";

    private static final List<String> OPTIONS = List.of("runs", "settle", "tuned-opts", "cds");

    @Override
    public String description() {
        return "java -jar (embedded default) to readiness, RSS after start, jar size; vs java -version and a bare"
                + " Spring Boot app (options --runs=3 --settle=3 --tuned-opts=\"<JAVA_TOOL_OPTIONS line>\" --cds)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        Options options = new Options(args, OPTIONS);
        int runs = options.integer("runs", 3);
        Duration settle = options.seconds("settle", 3);
        String tuned = options.string("tuned-opts", RECOMMENDED);
        Path jar = Path.of(System.getProperty("rb.bench.serverJar")).toAbsolutePath();
        Path work = Files.createTempDirectory("rb-bench-start-");
        Report.printf(
                Locale.ROOT, "start: %d alternating runs, RSS read %s after ready, logs in %s%n", runs, settle, work);
        Report.println("tuned = JAVA_TOOL_OPTIONS=\"" + tuned + "\"");

        boolean cds = Boolean.parseBoolean(options.string("cds", "false"));
        Path cdsJar = cds ? prepareCds(jar, work.resolve("cds")) : null;

        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            Path dir = work.resolve("run" + run);
            measure(results, run, "java -version", startVersion(dir.resolve("version")), null, settle);
            int port = JavaProcess.freePort();
            measure(
                    results,
                    run,
                    "bare Spring Boot",
                    JavaProcess.start(
                            dir.resolve("bare"),
                            List.of(),
                            List.of(
                                    "-cp",
                                    JavaProcess.classPath(),
                                    BareIntakeApp.class.getName(),
                                    "--server.port=" + port,
                                    "--spring.main.banner-mode=off",
                                    "--spring.datasource.url=jdbc:h2:file:./data/bare;MODE=PostgreSQL",
                                    "--spring.datasource.username=sa"),
                            Map.of()),
                    "http://127.0.0.1:" + port + "/ready",
                    settle);
            for (boolean withTuned : new boolean[] {false, true}) {
                port = JavaProcess.freePort();
                measure(
                        results,
                        run,
                        withTuned ? "service tuned" : "service",
                        JavaProcess.start(
                                dir.resolve(withTuned ? "tuned" : "service"),
                                List.of(),
                                List.of("-jar", jar.toString(), "--server.port=" + port),
                                withTuned ? Map.of("JAVA_TOOL_OPTIONS", tuned) : Map.of()),
                        "http://127.0.0.1:" + port + "/actuator/health/readiness",
                        settle);
            }
            if (cds) {
                port = JavaProcess.freePort();
                measure(
                        results,
                        run,
                        "service tuned+CDS",
                        JavaProcess.start(
                                dir.resolve("cds"),
                                List.of("-XX:SharedArchiveFile=" + cdsJar.resolveSibling("app.jsa")),
                                List.of("-jar", cdsJar.toString(), "--server.port=" + port),
                                Map.of("JAVA_TOOL_OPTIONS", tuned)),
                        "http://127.0.0.1:" + port + "/actuator/health/readiness",
                        settle);
            }
        }

        double service = median(results.get("service"), 0);
        double bare = median(results.get("bare Spring Boot"), 0);
        double tunedReady = median(results.get("service tuned"), 0);
        Report.ratio("start: java -jar to ready", service, "bare Spring Boot", bare, "s");
        Report.ratio(
                "start: java -jar to ready", service, "java -version", median(results.get("java -version"), 0), "s");
        Report.ratio("start tuned: java -jar to ready", tunedReady, "bare Spring Boot", bare, "s");
        double rss = median(results.get("service"), 1);
        double tunedRss = median(results.get("service tuned"), 1);
        double bareRss = median(results.get("bare Spring Boot"), 1);
        Report.ratio("RSS after start", rss, "bare Spring Boot", bareRss, "MiB");
        Report.ratio("RSS after start, tuned", tunedRss, "bare Spring Boot", bareRss, "MiB");
        if (cds) {
            Report.ratio(
                    "start tuned+CDS: java -jar to ready",
                    median(results.get("service tuned+CDS"), 0),
                    "bare Spring Boot",
                    bare,
                    "s");
            Report.ratio(
                    "RSS after start, tuned+CDS",
                    median(results.get("service tuned+CDS"), 1),
                    "bare Spring Boot",
                    bareRss,
                    "MiB");
        }
        Report.value("jar size " + jar.getFileName(), Files.size(jar) / 1024.0 / 1024.0, "MiB");
        Report.printf(
                Locale.ROOT,
                "target: ready <= 10 s: default %s, tuned %s%n",
                verdict(service, 10, "s"),
                verdict(tunedReady, 10, "s"));
        Report.printf(
                Locale.ROOT,
                "target: RSS <= 512 MiB (after start; the drain figure measures it after its run): default %s, tuned %s%n",
                verdict(rss, 512, "MiB"),
                verdict(tunedRss, 512, "MiB"));
    }

    /**
     * Spring Boot's documented AppCDS recipe: {@code java -Djarmode=tools -jar <jar> extract}, then one training
     * start that stops after the context refresh and writes the archive ({@code -XX:ArchiveClassesAtExit}).
     */
    private static Path prepareCds(Path jar, Path dir) throws Exception {
        long started = System.nanoTime();
        JavaProcess.start(
                        dir,
                        List.of("-Djarmode=tools"),
                        List.of(
                                "-jar",
                                jar.toString(),
                                "extract",
                                "--destination",
                                dir.resolve("app").toString()),
                        Map.of())
                .awaitExit(Duration.ofMinutes(2));
        Path extracted = dir.resolve("app").resolve(jar.getFileName());
        JavaProcess.start(
                        dir.resolve("training"),
                        List.of(
                                "-XX:ArchiveClassesAtExit=" + dir.resolve("app").resolve("app.jsa"),
                                "-Dspring.context.exit=onRefresh"),
                        List.of("-jar", extracted.toString(), "--server.port=0"),
                        Map.of())
                .awaitExit(Duration.ofMinutes(5));
        Report.printf(
                Locale.ROOT,
                "AppCDS archive prepared in %.1f s (extract + one training start)%n",
                (System.nanoTime() - started) / 1e9);
        return extracted;
    }

    private static JavaProcess startVersion(Path dir) throws Exception {
        return JavaProcess.start(dir, List.of(), List.of("-version"), Map.of());
    }

    /** Records {ready seconds, RSS MiB}; a null readiness URL means: the process ends by itself (no RSS). */
    private static void measure(
            Map<String, List<double[]>> results,
            int run,
            String name,
            JavaProcess process,
            String readyUrl,
            Duration settle)
            throws Exception {
        double seconds;
        double rss = Double.NaN;
        try (process) {
            if (readyUrl == null) {
                seconds = process.awaitExit(Duration.ofMinutes(1)) / 1e9;
            } else {
                seconds = process.awaitOk(readyUrl, Duration.ofMinutes(5)) / 1e9;
                Thread.sleep(settle.toMillis());
                rss = process.rssMiB();
            }
        }
        results.computeIfAbsent(name, key -> new ArrayList<>()).add(new double[] {seconds, rss});
        Report.printf(
                Locale.ROOT,
                "run %d %-16s ready %6.2f s   RSS %s%n",
                run,
                name,
                seconds,
                Double.isNaN(rss) ? "-" : String.format(Locale.ROOT, "%.0f MiB", rss));
    }

    private static String verdict(double value, double target, String unit) {
        return value <= target
                ? String.format(Locale.ROOT, "met (%.1f %s)", value, unit)
                : String.format(Locale.ROOT, "missed by %.1f %s (%.1f %s)", value - target, unit, value, unit);
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
