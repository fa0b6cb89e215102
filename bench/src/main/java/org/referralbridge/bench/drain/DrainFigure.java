package org.referralbridge.bench.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.Report;
import org.referralbridge.bench.pipeline.Args;
import org.referralbridge.bench.pipeline.BenchDatabase;
import org.referralbridge.bench.pipeline.EhrLoad;
import org.referralbridge.bench.pipeline.Pipeline;
import org.referralbridge.bench.pipeline.Pipeline.Advocate;
import org.referralbridge.bench.pipeline.ServiceProcess;

/**
 * {@code bench/run drain [-n 10000] [-writers 2] [-jfr file] [-limit 1800]}: N referred Patients are in the EHR and
 * their notifications in the service's inbox before the service starts (the inbox rows the notification endpoint
 * would have stored, inserted in one transaction while the service is stopped and no Subscription of it exists);
 * then the service starts and links and writes back all N. Figure: N / (last write-back done - first inbox item
 * done). Baselines, same run, before: the EHR's write ceiling, write-backs of the same shape sent by the harness
 * straight to the EHR with as many threads as the service has outbox workers, on N other Patients made the same way:
 * for half of them the service's JSON Patch with If-Match alone, for the other half the JSON Patch followed by the
 * service's conditional Provenance create for the version written (what each write-back of the service is).
 */
public final class DrainFigure implements Figure {

    private static final int ADVOCATES = 5;
    private static final int BUNDLE = 100;

    @Override
    public String description() {
        return "backlog of N queued Patient notifications linked + written back per second, vs the EHR's write"
                + " ceiling (-n 10000 -writers 2 -jfr <file> -limit <s>)";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        Args args = new Args(arguments, Set.of("n", "writers", "jfr", "limit"));
        int n = args.integer("n", 10_000);
        int writers = args.integer("writers", 2);
        String jfr = args.string("jfr", "");
        try (Pipeline pipeline = Pipeline.start("drain", Duration.ofSeconds(args.integer("limit", 1800)))) {
            BenchDatabase database = pipeline.database();
            Map<String, String> properties = Pipeline.defaultProperties();
            properties.put("referralbridge.writeback.worker.threads", Integer.toString(writers));

            // 1. advocates, enrolled through the service's API, their own write-backs done; then the service stops
            pipeline.startService(List.of(), properties);
            List<Advocate> advocates = pipeline.enrolAdvocates(ADVOCATES);
            pipeline.awaitQueuesEmpty(Duration.ofSeconds(600));
            pipeline.stopService();
            pipeline.removeSubscriptions(Duration.ofSeconds(60));

            // 2. 2N referred Patients: N for the backlog, N for the baseline
            long made = System.nanoTime();
            List<String> backlog = createReferred(pipeline.load(), advocates, n, "drain-");
            List<String> ceiling = createReferred(pipeline.load(), advocates, n, "ceiling-");
            Pipeline.log(
                    "%d Patients created in %.1f s (transaction bundles of %d)",
                    2 * n, (System.nanoTime() - made) / 1e9, BUNDLE);

            // 3. baselines: the EHR's write ceiling, for the JSON Patches alone (half of the baseline Patients) and
            // for the write-backs as the service makes them, each a JSON Patch and its conditional Provenance (the
            // other half)
            int half = n / 2;
            double ceilingRate = writeCeiling(pipeline.load(), ceiling.subList(0, half), advocates, writers, false);
            Pipeline.log("EHR write ceiling: %d JSON Patches at %.1f/s with %d threads", half, ceilingRate, writers);
            double withProvenanceRate =
                    writeCeiling(pipeline.load(), ceiling.subList(half, n), advocates, writers, true);
            Pipeline.log(
                    "EHR write ceiling: %d JSON Patches, each with its conditional Provenance create, at %.1f/s"
                            + " with %d threads",
                    n - half, withProvenanceRate, writers);

            // 4. the backlog, then the service
            long lastBefore = database.lastInboxId();
            database.queueNotifications(backlog);
            List<String> jvm = jfr.isBlank()
                    ? List.of()
                    : List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            ServiceProcess service = pipeline.startService(jvm, properties);
            long waitStart = System.nanoTime();
            long lastLog = waitStart;
            while (database.doneWriteBacks() < n) {
                if (System.nanoTime() - lastLog > 10_000_000_000L) {
                    lastLog = System.nanoTime();
                    Pipeline.log(
                            "  %d of %d written back; inbox %d, outbox %d pending, %d+%d dead",
                            database.doneWriteBacks(),
                            n,
                            database.pending("inbox"),
                            database.pending("outbox"),
                            database.dead("inbox"),
                            database.dead("outbox"));
                }
                if (database.dead("inbox") + database.dead("outbox") > 0) {
                    throw new IllegalStateException(
                            "dead letters during the drain; see bench/target/drain-service.log");
                }
                Thread.sleep(200);
            }
            Instant first = database.firstInboxDoneAfter(lastBefore);
            Instant last = database.writeBacksDone().values().stream()
                    .max(Instant::compareTo)
                    .orElseThrow();
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            double rss = service.rssMegabytes();
            checkWritten(pipeline.load(), backlog);
            Pipeline.log(
                    "drained %d in %.1f s (first inbox item done %s, last write-back done %s)",
                    n, seconds, first, last);
            Report.ratio(
                    "drain (N=" + n + ", " + writers + " outbox workers)",
                    n / seconds,
                    "EHR write ceiling (same JSON Patches, " + writers + " threads)",
                    ceilingRate,
                    "write-backs/s");
            Report.ratio(
                    "drain (N=" + n + ", " + writers + " outbox workers)",
                    n / seconds,
                    "EHR write ceiling (same JSON Patches + conditional Provenance creates, " + writers + " threads)",
                    withProvenanceRate,
                    "write-backs/s");
            Report.value("service RSS after the drain (default JVM settings)", rss, "MB");
        }
    }

    private static List<String> createReferred(EhrLoad load, List<Advocate> advocates, int n, String prefix)
            throws Exception {
        List<ObjectNode> patients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            patients.add(EhrLoad.patient(
                    prefix + i, advocates.get(i % advocates.size()).code()));
        }
        return load.createAll("Patient", patients, BUNDLE);
    }

    /**
     * The rate at which the EHR takes the write-backs' JSON Patches, with {@code threads} senders; with {@code
     * provenance} each followed by the service's conditional Provenance create for the version written.
     */
    private static double writeCeiling(
            EhrLoad load, List<String> ids, List<Advocate> advocates, int threads, boolean provenance)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        Advocate advocate = advocates.get(i % advocates.size());
                        String patch = EhrLoad.writeBackPatch(advocate.code(), advocate.reference());
                        if (load.patch("Patient", ids.get(i), "1", patch) / 100 != 2) {
                            refused.incrementAndGet();
                        } else if (provenance
                                && load.createProvenance(
                                                        "Patient/" + ids.get(i) + "/_history/2",
                                                        "write-" + UUID.randomUUID())
                                                / 100
                                        != 2) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " baseline patches refused");
        }
        return ids.size() / seconds;
    }

    /** A sample of the backlog, read back from the EHR: version 2, naming the referrer. */
    private static void checkWritten(EhrLoad load, List<String> backlog) throws Exception {
        for (int i = 0; i < backlog.size(); i += Math.max(1, backlog.size() / 20)) {
            JsonNode patient = load.read("Patient/" + backlog.get(i));
            if (!"2".equals(patient.path("meta").path("versionId").asText())
                    || !patient.toString().contains("\"valueReference\"")) {
                throw new IllegalStateException("Patient/" + backlog.get(i) + " was not written back as expected");
            }
        }
    }
}
