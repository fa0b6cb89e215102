package org.referralbridge.bench.pipeline;

import java.util.Collection;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(Collection<Double> values) {
        this.sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }

    public double at(double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f ms",
                count(),
                at(50),
                at(95),
                at(99),
                max());
    }
}
