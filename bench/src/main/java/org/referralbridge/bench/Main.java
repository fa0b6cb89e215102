package org.referralbridge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code bench/run <figure> [options]}: runs one figure; without arguments lists them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, Figure> figures = figures();
        if (args.length == 0 || !figures.containsKey(args[0])) {
            Report.println("usage: bench/run <figure> [options]; figures:");
            figures.forEach((name, figure) -> Report.printf("  %-10s %s%n", name, figure.description()));
            System.exit(args.length == 0 ? 0 : 2);
        }
        figures.get(args[0]).run(List.of(args).subList(1, args.length));
        // the in-process EHR leaves non-daemon threads (HAPI's schedulers, HTTP clients) behind once it is closed
        System.exit(0);
    }

    private static Map<String, Figure> figures() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        // one line per figure, in the order of docs/performance.md
        figures.put("intake", new org.referralbridge.bench.intake.IntakeFigure());
        figures.put("drain", new org.referralbridge.bench.drain.DrainFigure());
        figures.put("latency", new org.referralbridge.bench.latency.LatencyFigure());
        figures.put("burst", new org.referralbridge.bench.burst.BurstFigure());
        figures.put("start", new org.referralbridge.bench.start.StartFigure());
        figures.put("plugin", new org.referralbridge.bench.plugin.PluginOverhead());
        figures.put("jmh", new org.referralbridge.bench.jmh.JmhFigures());
        return figures;
    }
}
