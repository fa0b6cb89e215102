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

    /** A progress line of a run, beside its results: a benchmark's console is its report (synthetic data only). */
    public static void println(String text) {
        System.out.println(text);
    }

    /** Like {@link #println(String)}, formatted in the root locale. */
    public static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
    }

    /** Like {@link #printf(String, Object...)} for callers that name the locale. */
    public static void printf(Locale locale, String format, Object... args) {
        System.out.printf(locale, format, args);
    }

    /** Something went wrong around the measurement (clean-up, shutdown); the figures printed still stand. */
    public static void warn(String text) {
        System.err.println(text);
    }
}
