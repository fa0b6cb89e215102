package org.referralbridge.bench.burst;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.Report;
import org.referralbridge.bench.pipeline.Args;
import org.referralbridge.bench.pipeline.BenchDatabase;
import org.referralbridge.bench.pipeline.EhrLoad;
import org.referralbridge.bench.pipeline.Pipeline;
import org.referralbridge.bench.pipeline.Pipeline.Advocate;

/**
 * {@code bench/run burst [-n 1000] [-bundle 100] [-limit 900]}: N new referred Patients created on the EHR as
 * transaction bundles of {@code -bundle}, one after the other. Figure: from the last delivery (the last of their
 * notifications to reach the service: its inbox row's creation) to the last write-back stored in the EHR (the EHR's
 * {@code meta.lastUpdated} of version 2). Baseline, same run: how long the EHR itself took to accept the burst (first
 * bundle sent to last bundle answered). One bundle of the same kind goes first as a warm-up and is not counted.
 */
public final class BurstFigure implements Figure {

    private static final int ADVOCATES = 5;

    @Override
    public String description() {
        return "N referred Patients as transaction bundles: last delivery to last write-back stored, vs the EHR's"
                + " time to accept them (-n 1000 -bundle 100 -limit <s>)";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        Args args = new Args(arguments, Set.of("n", "bundle", "limit"));
        int n = args.integer("n", 1000);
        int bundle = args.integer("bundle", 100);
        try (Pipeline pipeline = Pipeline.start("burst", Duration.ofSeconds(args.integer("limit", 900)))) {
            pipeline.startService(List.of(), Pipeline.defaultProperties());
            pipeline.awaitSubscriptionsActive(Duration.ofSeconds(120));
            List<Advocate> advocates = pipeline.enrolAdvocates(ADVOCATES);
            BenchDatabase database = pipeline.database();
            EhrLoad load = pipeline.load();

            List<String> warmup = load.transaction("Patient", referred(advocates, "burst-warmup-", 0, bundle));
            awaitWriteBacks(database, warmup.size());
            pipeline.awaitQueuesEmpty(Duration.ofSeconds(600));

            List<String> ids = new ArrayList<>(n);
            Instant sent = Instant.now();
            for (int from = 0; from < n; from += bundle) {
                ids.addAll(
                        load.transaction("Patient", referred(advocates, "burst-", from, Math.min(bundle, n - from))));
            }
            Instant accepted = Instant.now();
            Pipeline.log(
                    "%d Patients accepted by the EHR in %d bundles in %d ms",
                    n,
                    (n + bundle - 1) / bundle,
                    Duration.between(sent, accepted).toMillis());
            awaitWriteBacks(database, warmup.size() + n);

            Map<String, Instant> arrivals = database.arrivals();
            Map<String, Instant> done = database.writeBacksDone();
            Map<String, Instant> stored = load.versionTwoStored(ids, 4);
            Instant firstDelivery = earliest(ids.stream().map(arrivals::get).toList());
            Instant lastDelivery = latest(ids.stream().map(arrivals::get).toList());
            Instant lastStored = latest(ids.stream().map(stored::get).toList());
            Instant lastDone = latest(ids.stream().map(done::get).toList());
            Pipeline.log(
                    "EHR deliveries: first %d ms, last %d ms after the last bundle was answered",
                    Duration.between(accepted, firstDelivery).toMillis(),
                    Duration.between(accepted, lastDelivery).toMillis());
            Pipeline.log(
                    "last write-back stored %d ms after the last bundle was answered (done, after its"
                            + " Provenance: %d ms after the last delivery)",
                    Duration.between(accepted, lastStored).toMillis(),
                    Duration.between(lastDelivery, lastDone).toMillis());
            Report.ratio(
                    "burst tail (N=" + n + "): last delivery to last write-back stored",
                    Duration.between(lastDelivery, lastStored).toMillis(),
                    "EHR accepting the burst (" + bundle + " per bundle)",
                    Duration.between(sent, accepted).toMillis(),
                    "ms");
        }
    }

    private static List<ObjectNode> referred(List<Advocate> advocates, String prefix, int from, int count) {
        List<ObjectNode> patients = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            patients.add(EhrLoad.patient(
                    prefix + i, advocates.get(i % advocates.size()).code()));
        }
        return patients;
    }

    private static void awaitWriteBacks(BenchDatabase database, int count) throws InterruptedException {
        Pipeline.await("write-backs", Duration.ofSeconds(600), () -> {
            try {
                return database.doneWriteBacks() >= count;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Instant latest(Collection<Instant> times) {
        if (times.contains(null)) {
            throw new IllegalStateException("a Patient without a delivery or write-back time");
        }
        return times.stream().max(Instant::compareTo).orElseThrow();
    }

    private static Instant earliest(Collection<Instant> times) {
        if (times.contains(null)) {
            throw new IllegalStateException("a Patient without a delivery time");
        }
        return times.stream().min(Instant::compareTo).orElseThrow();
    }
}
