package org.referralbridge.bench;

import java.util.Locale;

/**
 * Prints figures in one shape, so docs/performance.md can quote them: {@code figure name: value unit | baseline
 * name: value unit | ratio r}. The ratio is always figure / baseline, both from the same run.
 */
public final class Report {

    private Report() {}

    public static void ratio(String figure, double value, String baseline, double baselineValue, String unit) {
        System.out.printf(
                Locale.ROOT,
                "RESULT %s: %.1f %s | baseline %s: %.1f %s | ratio %.3f%n",
                figure,
                value,
                unit,
                baseline,
                baselineValue,
                unit,
                baselineValue == 0 ? Double.NaN : value / baselineValue);
    }

    public static void value(String figure, double value, String unit) {
        System.out.printf(Locale.ROOT, "RESULT %s: %.1f %s%n", figure, value, unit);
    }
}
