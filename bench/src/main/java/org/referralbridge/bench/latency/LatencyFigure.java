package org.referralbridge.bench.latency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.Report;
import org.referralbridge.bench.pipeline.Args;
import org.referralbridge.bench.pipeline.BenchDatabase;
import org.referralbridge.bench.pipeline.EhrLoad;
import org.referralbridge.bench.pipeline.Percentiles;
import org.referralbridge.bench.pipeline.Pipeline;
import org.referralbridge.bench.pipeline.Pipeline.Advocate;

/**
 * {@code bench/run latency [-rate 50] [-seconds 60] [-warmup 10] [-limit 900]}: new referred Patients created on the
 * EHR at a steady rate (one POST each, started on a fixed schedule, not waiting for each other); for each one, from
 * its notification's arrival at the service (the inbox row's creation, the service's own clock) to the write-back
 * stored in the EHR (the EHR's {@code meta.lastUpdated} of version 2). The first {@code -warmup} seconds of the
 * same steady load are not counted. Baseline, same run: the EHR's own latency for those creates.
 */
public final class LatencyFigure implements Figure {

    private static final int ADVOCATES = 5;

    @Override
    public String description() {
        return "notification arrival to write-back stored, p50/p95/max, at a steady rate, vs the EHR's create"
                + " latency (-rate 50 -seconds 60 -warmup 10 -limit <s>)";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        Args args = new Args(arguments, Set.of("rate", "seconds", "warmup", "limit"));
        int rate = args.integer("rate", 50);
        int seconds = args.integer("seconds", 60);
        int warmup = args.integer("warmup", 10);
        try (Pipeline pipeline = Pipeline.start("latency", Duration.ofSeconds(args.integer("limit", 900)))) {
            pipeline.startService(List.of(), Pipeline.defaultProperties());
            pipeline.awaitSubscriptionsActive(Duration.ofSeconds(120));
            List<Advocate> advocates = pipeline.enrolAdvocates(ADVOCATES);
            pipeline.awaitQueuesEmpty(Duration.ofSeconds(600));

            int total = rate * (warmup + seconds);
            int skipped = rate * warmup;
            String[] ids = new String[total];
            Map<Integer, Double> createMillis = new ConcurrentHashMap<>();
            Map<Integer, Instant> created = new ConcurrentHashMap<>();
            steadyCreates(pipeline.load(), advocates, rate, total, ids, createMillis, created);
            List<String> measured = new ArrayList<>();
            for (int i = skipped; i < total; i++) {
                measured.add(ids[i]);
            }
            Pipeline.log("%d Patients created at %d/s (%d s warm-up, %d s measured)", total, rate, warmup, seconds);

            BenchDatabase database = pipeline.database();
            Pipeline.await("all write-backs", Duration.ofSeconds(600), () -> {
                try {
                    return database.doneWriteBacks() >= total;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<String, Instant> arrivals = database.arrivals();
            Map<String, Instant> done = database.writeBacksDone();
            Map<String, Instant> stored = pipeline.load().versionTwoStored(measured, 4);

            List<Double> added = new ArrayList<>();
            List<Double> addedUntilDone = new ArrayList<>();
            List<Double> delivery = new ArrayList<>();
            List<Double> creates = new ArrayList<>();
            for (int i = skipped; i < total; i++) {
                String id = ids[i];
                Instant arrival = arrivals.get(id);
                added.add(millis(arrival, stored.get(id)));
                addedUntilDone.add(millis(arrival, done.get(id)));
                delivery.add(millis(created.get(i), arrival));
                creates.add(createMillis.get(i));
            }
            Percentiles latency = new Percentiles(added);
            Percentiles ehr = new Percentiles(creates);
            Pipeline.log("arrival -> write-back stored in the EHR: %s", latency);
            Pipeline.log("arrival -> write-back done (after its Provenance): %s", new Percentiles(addedUntilDone));
            Pipeline.log("EHR create latency: %s", ehr);
            Pipeline.log(
                    "EHR create answered -> notification arrived (the EHR's delivery): %s", new Percentiles(delivery));
            Report.ratio(
                    "added latency p95 (" + rate + "/s for " + seconds + " s)",
                    latency.at(95),
                    "EHR create latency p95",
                    ehr.at(95),
                    "ms");
            Report.ratio("added latency p50", latency.at(50), "EHR create latency p50", ehr.at(50), "ms");
            Report.ratio("added latency max", latency.max(), "EHR create latency max", ehr.max(), "ms");
        }
    }

    private static double millis(Instant from, Instant to) {
        if (from == null || to == null) {
            throw new IllegalStateException("a Patient without arrival or write-back time");
        }
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** {@code total} creates, one every 1/rate s on a fixed schedule, each on a thread of its own pool. */
    private static void steadyCreates(
            EhrLoad load,
            List<Advocate> advocates,
            int rate,
            int total,
            String[] ids,
            Map<Integer, Double> createMillis,
            Map<Integer, Instant> created)
            throws InterruptedException {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        clock.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    senders.execute(() -> {
                        long start = System.nanoTime();
                        try {
                            ids[i] = load.create(
                                    "Patient",
                                    EhrLoad.patient(
                                            "latency-" + i,
                                            advocates.get(i % advocates.size()).code()));
                            createMillis.put(i, (System.nanoTime() - start) / 1e6);
                            created.put(i, Instant.now());
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    });
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        Pipeline.await("the steady load", Duration.ofSeconds(total / rate + 60), () -> next.get() >= total);
        clock.shutdown();
        senders.shutdown();
        if (!senders.awaitTermination(600, TimeUnit.SECONDS) || failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " creates failed or hung");
        }
    }
}
