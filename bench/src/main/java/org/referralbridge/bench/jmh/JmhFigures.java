package org.referralbridge.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.Report;

/**
 * The CPU-bound figures, measured with JMH: {@code bench/run jmh [JMH options]} runs the benchmarks of this package
 * (or those matching a regular expression given as argument) and prints one line per figure and its baseline.
 * Defaults kept modest for a shared 2-core machine: one fork, 3 warm-up and 5 measured iterations of 1 s each.
 */
public final class JmhFigures implements Figure {

    private static final List<String> DEFAULTS = List.of("-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s");
    private static final Set<String> WITH_VALUE = Set.of("-f", "-wi", "-i", "-w", "-r");

    @Override
    public String description() {
        return "JMH: extraction vs parse, referral-code check vs regex, claim query with vs without index"
                + " [JMH options, e.g. -f 1 -wi 3 -i 5 or a benchmark regex]";
    }

    @Override
    public void run(List<String> args) throws Exception {
        List<String> effective = new ArrayList<>();
        for (int i = 0; i < DEFAULTS.size(); i += 2) {
            if (!args.contains(DEFAULTS.get(i))) {
                effective.add(DEFAULTS.get(i));
                effective.add(DEFAULTS.get(i + 1));
            }
        }
        effective.addAll(args);
        boolean hasPattern = false;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("-")) {
                i += WITH_VALUE.contains(args.get(i)) || args.get(i).length() > 2 ? 1 : 0;
            } else {
                hasPattern = true;
            }
        }
        if (!hasPattern) {
            effective.add(JmhFigures.class.getPackageName() + "\\..*");
        }
        Collection<RunResult> results = new Runner(new CommandLineOptions(effective.toArray(String[]::new))).run();
        report(results);
    }

    private static void report(Collection<RunResult> results) {
        String parse = ParseAndExtractBenchmark.class.getName();
        for (String resource : List.of("Patient", "Encounter")) {
            for (String profile : List.of("referral-bridge-native", "vendor-extension", "identifier-code")) {
                String params = "profile=" + profile + ",resource=" + resource;
                both(
                        results,
                        parse + ".extract",
                        params,
                        parse + ".parse",
                        params,
                        (extract, parsed) -> Report.ratio(
                                "extract (" + profile + ", Synthea " + resource + "s)",
                                extract,
                                "HAPI JSON parse of the same " + resource,
                                parsed,
                                "ns/op"));
            }
        }
        String code = ReferralCodeBenchmark.class.getName();
        for (String typed : List.of("k7qm 2xhd", "K7QM-2XHD")) {
            both(
                    results,
                    code + ".referralCodeParse",
                    "typed=" + typed,
                    code + ".upperCaseAndRegex",
                    "typed=" + typed,
                    (check, regex) -> Report.ratio(
                            "ReferralCode.parse(\"" + typed + "\")",
                            check,
                            "toUpperCase + precompiled regex",
                            regex,
                            "ns/op"));
        }
        String claim = ClaimQueryBenchmark.class.getName() + ".claim";
        for (String index : List.of("partial", "composite")) {
            both(
                    results,
                    claim,
                    "index=" + index,
                    claim,
                    "index=none",
                    (with, without) -> Report.ratio(
                            "claims/s (" + ClaimQueryBenchmark.BATCH + " per claim, skip locked) with " + index
                                    + " index",
                            with * ClaimQueryBenchmark.BATCH,
                            "without index (the migrations' table)",
                            without * ClaimQueryBenchmark.BATCH,
                            "claims/s"));
        }
    }

    private interface Pair {
        void print(double figure, double baseline);
    }

    private static void both(
            Collection<RunResult> results,
            String figure,
            String figureParams,
            String baseline,
            String baselineParams,
            Pair pair) {
        Optional<Double> a = score(results, figure, figureParams);
        Optional<Double> b = score(results, baseline, baselineParams);
        if (a.isPresent() && b.isPresent()) {
            pair.print(a.get(), b.get());
        }
    }

    /** The primary score of the run of {@code benchmark} whose parameters include {@code params} (k=v). */
    private static Optional<Double> score(Collection<RunResult> results, String benchmark, String params) {
        return results.stream()
                .filter(result -> result.getParams().getBenchmark().equals(benchmark))
                .filter(result -> params.isEmpty() || matches(result, params))
                .map(result -> result.getPrimaryResult().getScore())
                .findFirst();
    }

    /** Whether the run has every {@code k=v} of {@code params} (comma-separated). */
    private static boolean matches(RunResult result, String params) {
        for (String param : params.split(",")) {
            String[] kv = param.split("=", 2);
            if (!kv[1].equals(result.getParams().getParam(kv[0]))) {
                return false;
            }
        }
        return true;
    }
}
