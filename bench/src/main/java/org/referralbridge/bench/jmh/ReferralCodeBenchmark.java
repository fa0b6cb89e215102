package org.referralbridge.bench.jmh;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.referralbridge.conformance.ReferralCode;

/**
 * The referral-code check ({@link ReferralCode#parse}: normalize, alphabet, check character) against the cheapest
 * check one could write instead: upper-casing the same input and matching it with a precompiled regular expression
 * of the code's shape (no check character).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReferralCodeBenchmark {

    private static final Pattern SHAPE =
            Pattern.compile("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}[- ]?[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}");

    /** A code as a front desk types it (lower case, a space), and one in the canonical form. */
    @Param({"k7qm 2xhd", "K7QM-2XHD"})
    public String typed;

    @Benchmark
    public ReferralCode.Parsed referralCodeParse() {
        return ReferralCode.parse(typed);
    }

    @Benchmark
    public boolean upperCaseAndRegex() {
        return SHAPE.matcher(typed.toUpperCase(Locale.ROOT)).matches();
    }
}
