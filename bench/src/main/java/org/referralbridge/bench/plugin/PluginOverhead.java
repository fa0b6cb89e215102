package org.referralbridge.bench.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.bench.Figure;
import org.referralbridge.bench.Report;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * Patient creates per second on the in-process HAPI FHIR JPA server (test-ehr) with and without the fhir-plugin,
 * in alternating rounds of the same run, and the heap each side keeps.
 *
 * <p>Two servers in one JVM, one bare and one with the plugin loaded by package scan (as the public JPA server
 * starter loads it), rather than one server whose interceptor is unregistered for the bare rounds: the plugin's cost
 * is also the indexing of its four SearchParameters on every Patient write and the Provenance it stores, which an
 * unregistered interceptor would leave in the "bare" side. Both servers get the same advocates and the same
 * sequence of creates; while one is measured the other is idle.
 */
public final class PluginOverhead implements Figure {

    private static final String PLUGIN_PACKAGE = "org.referralbridge.fhirplugin.hapi";
    private static final int ADVOCATES = 5;
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(5);

    @Override
    public String description() {
        return "Patient creates/s on the HAPI JPA server with vs without the plugin; heap kept"
                + " [-n creates/round (500)] [-r rounds/side (3)] [-c clients (4)] [-w warm-up creates (300)]";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        int perRound = option(arguments, "-n", 500);
        int rounds = option(arguments, "-r", 3);
        int clients = option(arguments, "-c", 4);
        int warmUp = option(arguments, "-w", 300);

        Report.println("starting two HAPI FHIR JPA servers (bare, with plugin) ...");
        try (HapiJpaTestServer bare = HapiJpaTestServer.start(HapiJpaTestServer.Options.defaults());
                HapiJpaTestServer plugin = HapiJpaTestServer.start(
                        HapiJpaTestServer.Options.defaults().withBeanPackages(PLUGIN_PACKAGE))) {
            FhirContext fhir = bare.fhirContext();
            List<Patient> synthea = ReferredPatients.synthea(fhir);
            List<String> codes = advocateCodes();
            for (HapiJpaTestServer server : List.of(bare, plugin)) {
                for (int i = 0; i < codes.size(); i++) {
                    create(server, ReferredPatients.advocate(synthea.get(i), codes.get(i)));
                }
            }
            requireLinking(plugin, synthea.get(ADVOCATES), codes.get(0));
            List<String> bodies = creates(fhir, synthea, codes, Math.max(perRound, warmUp));
            Report.printf(Locale.ROOT, "warm-up: %d creates per side%n", warmUp);
            round(bare, bodies, warmUp, clients);
            round(plugin, bodies, warmUp, clients);
            long histogramAtStart = pluginHeapBytes();

            List<Double> bareRates = new ArrayList<>();
            List<Double> pluginRates = new ArrayList<>();
            long bareGrowth = 0;
            long pluginGrowth = 0;
            for (int r = 1; r <= rounds; r++) {
                long before = usedHeapAfterGc();
                double bareRate = round(bare, bodies, perRound, clients);
                long between = usedHeapAfterGc();
                double pluginRate = round(plugin, bodies, perRound, clients);
                long after = usedHeapAfterGc();
                bareRates.add(bareRate);
                pluginRates.add(pluginRate);
                bareGrowth += between - before;
                pluginGrowth += after - between;
                Report.printf(
                        Locale.ROOT,
                        "round %d: bare %.1f creates/s, plugin %.1f creates/s (ratio %.3f); heap +%.1f MB bare,"
                                + " +%.1f MB plugin%n",
                        r,
                        bareRate,
                        pluginRate,
                        pluginRate / bareRate,
                        mb(between - before),
                        mb(after - between));
            }
            long histogramAtEnd = pluginHeapBytes();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(pluginRates.get(r) / bareRates.get(r));
            }
            int created = rounds * perRound;
            Report.ratio(
                    "plugin creates/s (median of " + rounds + " rounds, " + clients + " clients)",
                    median(pluginRates),
                    "bare creates/s",
                    median(bareRates),
                    "creates/s");
            // the median of the rounds' own ratios, each round pair measured back to back (less exposed to drift)
            Report.value("median of the per-round ratios plugin/bare", median(ratios) * 1000, "per mille");
            Report.ratio(
                    "plugin heap kept per 1000 creates (after GC; H2 in memory holds the stored rows)",
                    mb(pluginGrowth) * 1000 / created,
                    "bare heap kept per 1000 creates",
                    mb(bareGrowth) * 1000 / created,
                    "MB");
            Report.ratio(
                    "heap of org.referralbridge objects after " + (created + warmUp) + " plugin creates",
                    histogramAtEnd / 1024.0,
                    "after " + warmUp + " creates",
                    histogramAtStart / 1024.0,
                    "KB");
            Report.value("used heap after GC, both servers, end of run", mb(usedHeapAfterGc()), "MB");
        }
    }

    private static int option(List<String> arguments, String name, int fallback) {
        int at = arguments.indexOf(name);
        return at < 0 || at + 1 >= arguments.size() ? fallback : Integer.parseInt(arguments.get(at + 1));
    }

    private static List<String> advocateCodes() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < ADVOCATES; i++) {
            codes.add(ReferralCode.generate(random).display());
        }
        return codes;
    }

    /**
     * The creates of a round, the same for both sides: of every ten, six carry an advocate's code (half of them typed
     * as a front desk types it), one a well-formed code nobody holds, one a mistyped code, two no code (a campaign).
     */
    private static List<String> creates(FhirContext fhir, List<Patient> synthea, List<String> codes, int count) {
        List<String> bodies = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < count; i++) {
            Patient base = synthea.get(i % synthea.size());
            String code = codes.get(i % codes.size());
            Patient patient = switch (i % 10) {
                case 0, 1, 2 -> ReferredPatients.referred(base, "friend-family", code);
                case 3, 4, 5 -> ReferredPatients.referred(base, "friend-family", ReferredPatients.asTyped(code));
                case 6 ->
                    ReferredPatients.referred(
                            base, "friend-family", ReferralCode.generate(random).display());
                case 7 -> ReferredPatients.referred(base, "friend-family", mistyped(code));
                default -> ReferredPatients.referred(base, "campaign", null);
            };
            bodies.add(fhir.newJsonParser().encodeResourceToString(patient));
        }
        return bodies;
    }

    private static String mistyped(String code) {
        char check = code.charAt(code.length() - 1);
        char other = ReferralCode.ALPHABET.charAt(
                (ReferralCode.ALPHABET.indexOf(check) + 1) % ReferralCode.ALPHABET.length());
        return code.substring(0, code.length() - 1) + other;
    }

    /** Fails the run unless the plugin side really links: otherwise the figure would measure a plugin doing nothing. */
    private static void requireLinking(HapiJpaTestServer plugin, Patient base, String code) {
        String id = create(plugin, ReferredPatients.referred(base, "friend-family", ReferredPatients.asTyped(code)));
        Patient stored =
                client(plugin).read().resource(Patient.class).withId(id).execute();
        Extension source = stored.getExtensionByUrl(ReferralSource.URL);
        if (source == null || source.getExtensionByUrl(ReferralSource.REFERRER) == null) {
            throw new IllegalStateException("the plugin side did not link a referred Patient: nothing to measure");
        }
    }

    private static String create(HapiJpaTestServer server, Patient patient) {
        return client(server).create().resource(patient).execute().getId().getIdPart();
    }

    private static IGenericClient client(HapiJpaTestServer server) {
        server.fhirContext().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return server.fhirContext().newRestfulGenericClient(server.baseUrl());
    }

    /** {@code count} creates by {@code clients} concurrent clients; creates per second. */
    private static double round(HapiJpaTestServer server, List<String> bodies, int count, int clients)
            throws Exception {
        // a client per round: Jetty closes connections idle since the last round, which a pooled client would reuse
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI patients = URI.create(server.baseUrl() + "/Patient");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int mine = 0;
                    for (int i = next.getAndIncrement();
                            i < count && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(patients)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/fhir+json")
                                .header("Prefer", "return=minimal")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                                .build();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 201) {
                            mine++;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            int created = 0;
            for (Future<Integer> future : done) {
                created += future.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (failed.get() > 0 || created < count) {
                throw new IllegalStateException(created + " of " + count + " creates succeeded (" + failed.get()
                        + " failed) in the time limit");
            }
            return created / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes of live objects of the project's own classes (the plugin's), from a class histogram (a full GC). */
    private static long pluginHeapBytes() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        long bytes = 0;
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].startsWith("org.referralbridge.")) {
                bytes += Long.parseLong(columns[2]);
            }
        }
        return bytes;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
