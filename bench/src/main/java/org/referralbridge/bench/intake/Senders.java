package org.referralbridge.bench.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent senders of rest-hook notifications as a HAPI FHIR server sends them ({@code PUT <base>/Patient/<id>},
 * the Patient as JSON body, {@code If-Match: W/"1"}, the secret header), each waiting for its answer before it sends
 * the next, for a fixed time (and at most a fixed count, so the loop always ends by itself).
 */
final class Senders {

    private static final int MAX_PER_SENDER = 2_000_000;

    private final HttpClient client;
    private final int senders;
    private final String secret;

    Senders(int senders, String secret) {
        this.senders = senders;
        this.secret = secret;
        // one pooled HTTP/1.1 client, as a rest-hook sender keeps its connections: each sender thread reuses one
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    record Result(long acked, long failed, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return acked / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }
    }

    /** Sends for {@code duration}; ids are {@code <prefix>-<sender>-<n>}, so a round's rows can be counted. */
    Result run(String baseUrl, String prefix, Duration duration) throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            long[][] mine = {new long[4096]};
            int[] count = {0};
            Thread thread = new Thread(
                    () -> {
                        for (int n = 0; n < MAX_PER_SENDER && System.nanoTime() < deadline; n++) {
                            String id = prefix + "-" + sender + "-" + n;
                            long sent = System.nanoTime();
                            boolean ok;
                            try {
                                ok = client.send(request(baseUrl, id), HttpResponse.BodyHandlers.discarding())
                                                .statusCode()
                                        == 200;
                            } catch (Exception e) {
                                ok = false;
                            }
                            if (ok) {
                                acked.incrementAndGet();
                                if (count[0] == mine[0].length) {
                                    mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                                }
                                mine[0][count[0]++] = System.nanoTime() - sent;
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        synchronized (latencies) {
                            latencies.add(Arrays.copyOf(mine[0], count[0]));
                        }
                    },
                    "bench-sender-" + s);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(acked.get(), failed.get(), seconds, all);
    }

    private HttpRequest request(String baseUrl, String id) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/Patient/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .header("If-Match", "W/\"1\"")
                .header(BareIntakeApp.SECRET_HEADER, secret)
                .PUT(HttpRequest.BodyPublishers.ofString(patient(id)))
                .build();
    }

    /** A new patient as a HAPI FHIR JPA server sends it after a create (fictional data). */
    static String patient(String id) {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\","
                + "\"lastUpdated\":\"2026-12-01T10:15:30.123+00:00\",\"source\":\"#bench\"},"
                + "\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "Jules Moreau</div>\"},\"identifier\":[{\"system\":\"urn:oid:1.2.36.146.595.217.0.1\","
                + "\"value\":\"" + id + "\"}],\"active\":true,\"name\":[{\"use\":\"official\","
                + "\"family\":\"Moreau\",\"given\":[\"Jules\"]}],\"telecom\":[{\"system\":\"phone\","
                + "\"value\":\"555-0100\",\"use\":\"home\"}],\"gender\":\"male\",\"birthDate\":\"1988-04-12\","
                + "\"address\":[{\"line\":[\"12 Example Street\"],\"city\":\"Springfield\","
                + "\"postalCode\":\"00000\",\"country\":\"US\"}]}";
    }
}
