package org.referralbridge.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The service as production runs it: {@code java -jar server/target/referral-bridge-server.jar}, profile {@code
 * postgres}, a schema of its own, the in-process JPA server as its EHR. Default JVM settings unless {@code
 * RB_BENCH_SERVICE_JAVA_OPTS} says otherwise; its log goes to a file under {@code bench/target}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The password of the service's admin user in every benchmark (a throwaway database). */
    public static final String ADMIN_PASSWORD = "bench-admin-password";

    /**
     * Starts the service and waits until its readiness probe answers 200.
     *
     * @param jvmOptions extra JVM options for this start (e.g. a flight recording), on top of the environment's
     * @param properties extra Spring properties, e.g. worker threads
     */
    public static ServiceProcess start(
            String name,
            String ehrBaseUrl,
            BenchDatabase database,
            List<String> jvmOptions,
            Map<String, String> properties,
            Duration timeout)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = Path.of("bench", "target", name + "-service.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        String extra = System.getenv().getOrDefault("RB_BENCH_SERVICE_JAVA_OPTS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(System.getProperty("rb.bench.serverJar", "server/target/referral-bridge-server.jar"));
        command.add("--spring.profiles.active=postgres");
        // no identity provider here: the local user store, and the admin API signed in as admin
        command.add("--referralbridge.security.mode=local");
        command.add("--referralbridge.security.admin-password=" + ADMIN_PASSWORD);
        command.add("--server.port=" + port);
        command.add("--spring.flyway.schemas=" + database.schema());
        command.add("--referralbridge.ehr.base-url=" + ehrBaseUrl);
        command.add("--referralbridge.notify.public-url=http://127.0.0.1:" + port + "/fhir/notify");
        command.add("--referralbridge.notify.secret=" + UUID.randomUUID());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("RB_DB_URL", database.serviceUrl());
        builder.environment().put("RB_DB_USER", BenchDatabase.USER);
        builder.environment().put("RB_DB_PASSWORD", BenchDatabase.PASSWORD);
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        try {
            service.awaitReady(timeout);
        } catch (RuntimeException | IOException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Resident set size of the service's process, from {@code /proc/<pid>/status} (VmRSS), in MB. */
    public double rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for the service's process");
    }

    /** Enrols the EHR's Patient as an advocate through the admin API; returns their referral code. */
    public String enrol(String patientId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/advocates"))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic " + Base64.getEncoder()
                                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("patientId", patientId))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("enrolment answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("referralCode").asText();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the service (SIGTERM, so a flight recording is written; SIGKILL after 30 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
