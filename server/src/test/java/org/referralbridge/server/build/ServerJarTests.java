package org.referralbridge.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime jar ships what the server runs and nothing it does not: not the multi-version validator (the tests use
 * it to prove that what we write validates), not ArchUnit (ModularityTests), not Jena (RDF), not Saxon (XSLT). It
 * was 225 MB with them, 108 MB without; sign-in (Spring Security, the OAuth2 resource server and its JOSE library),
 * Prometheus exposition and the notification rate limit brought it to 115 MB, the staff web app (Thymeleaf, OpenPDF
 * for the advocate card, ZXing for its QR code, htmx) to 123 MB, the reports dashboard's ECharts webjar (9 MB: the npm package whole, sources and
 * builds, of which the page serves one 1 MB file) to 134 MB. The cap leaves room for one more such library set,
 * not for the validator. Runs after packaging (failsafe), with the jar's path in {@code server.jar}.
 */
class ServerJarTests {

    private static final long MAX_BYTES = 140_000_000;

    private static Path jar;
    private static List<String> libraries;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("server.jar", "target/referral-bridge-server.jar"));
        assertThat(jar).as("the server jar built by the package phase").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            libraries = file.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("BOOT-INF/lib/".length()))
                    .toList();
        }
    }

    @Test
    void staysUnder140Megabytes() throws IOException {
        assertThat(Files.size(jar)).isLessThanOrEqualTo(MAX_BYTES);
    }

    /**
     * The test class path has the validator (and Saxon), so only the jar itself shows that nothing the server runs
     * went with them (the R4 FHIRPath engine needs UCUM and a cache provider, for instance).
     */
    @Test
    void startsFromAnEmptyDirectoryAndBecomesReady(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--server.port=0")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the server exited", () -> !server.isAlive())
                    .until(() -> {
                        Matcher port = started.matcher(Files.readString(log));
                        if (!port.find()) {
                            return false;
                        }
                        HttpResponse<String> readiness = http.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port.group(1) + "/actuator/health/readiness"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return readiness.statusCode() == 200;
                    });
            assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Clinic IT's profile tools run from the jar, without Spring: answers on standard output, exit codes 0/1/2. */
    @Test
    void runsTheMappingCommandLine(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("clinic.yaml"), """
                formatVersion: 1
                name: clinic
                extends: default
                """);
        Path bad = Files.writeString(dir.resolve("broken.yaml"), """
                formatVersion: 1
                name: broken
                patient:
                  referralCode: "extension('x').value.("
                """);
        Path patient = Files.writeString(dir.resolve("patient.json"), """
                {"resourceType": "Patient", "id": "p1", "extension": [{
                  "url": "https://referralbridge.org/fhir/StructureDefinition/referral-source",
                  "extension": [{"url": "code", "valueString": "K7QM-2XHD"}]}]}
                """);

        Run valid = mapping(dir, "validate", good.toString());
        Run invalid = mapping(dir, "validate", bad.toString());
        Run dryRun = mapping(dir, "dry-run", "--profile", good.toString(), "--input", patient.toString(), "--json");
        Run usage = mapping(dir);

        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("valid mapping profile 'clinic'");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out() + invalid.err()).contains("broken.yaml:4:", "patient.referralCode");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(dryRun.out())
                        .toString())
                .contains("K7QM-2XHD", "patient.referralCode");
        assertThat(usage.exit()).isEqualTo(2);
    }

    private record Run(int exit, String out, String err) {}

    private static Run mapping(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toAbsolutePath().toString(),
                "mapping"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mapping " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void holdsWhatTheServerRuns() {
        assertThat(libraries)
                .anyMatch(name -> name.startsWith("hapi-fhir-structures-r4-"))
                .anyMatch(name -> name.startsWith("hapi-fhir-client-"))
                .anyMatch(name -> name.startsWith("hapi-fhir-server-"))
                // the R4 FHIRPath engine of the mapping profiles reads the core StructureDefinitions from here
                .anyMatch(name -> name.startsWith("hapi-fhir-validation-resources-r4-"))
                .anyMatch(name -> name.startsWith("spring-modulith-api-"))
                .anyMatch(name -> name.startsWith("h2-"))
                .anyMatch(name -> name.startsWith("postgresql-"));
    }

    @Test
    void leavesTheValidatorArchUnitJenaAndSaxonOut() {
        assertThat(libraries)
                .noneMatch(name -> name.startsWith("hapi-fhir-validation-8"))
                .noneMatch(name ->
                        name.matches("org\\.hl7\\.fhir\\.(dstu2|dstu2016may|dstu3|r4b|r5|convertors|validation)-.*"))
                .noneMatch(name -> name.startsWith("hapi-fhir-structures-r5-"))
                .noneMatch(name -> name.startsWith("sqlite-jdbc-"))
                .noneMatch(name -> name.startsWith("plantuml"))
                .noneMatch(name -> name.startsWith("archunit"))
                .noneMatch(name -> name.startsWith("spring-modulith-core-"))
                .noneMatch(name -> name.startsWith("jena-"))
                .noneMatch(name -> name.startsWith("Saxon-HE-"))
                .noneMatch(name -> name.startsWith("simple-java-mail-"));
    }
}
