package org.referralbridge.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options of a figure; an unknown one stops the run with the list of known ones. */
public final class Options {

    private final Map<String, String> values = new HashMap<>();

    public Options(List<String> args, List<String> known) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option " + arg + "; options: --" + String.join(", --", known));
            }
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public Duration seconds(String name, int fallback) {
        return Duration.ofMillis(
                (long) (1000 * Double.parseDouble(values.getOrDefault(name, Integer.toString(fallback)))));
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** An environment variable, or the fallback when unset or blank. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A space-separated list of JVM options ("" = none). */
    public static List<String> jvmOptions(String line) {
        return line == null || line.isBlank() ? List.of() : List.of(line.trim().split("\\s+"));
    }
}
