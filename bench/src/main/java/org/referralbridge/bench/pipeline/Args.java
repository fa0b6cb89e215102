package org.referralbridge.bench.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code -name value} options of one figure; an option the figure does not know stops the run. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    public Args(List<String> args, Set<String> known) {
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("-") || !known.contains(name.substring(1)) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name + "; options: " + known);
            }
            values.put(name.substring(1), args.get(++i));
        }
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
