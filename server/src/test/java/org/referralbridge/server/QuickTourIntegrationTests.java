package org.referralbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default exactly as a newcomer gets it (H2 file database, sandbox EHR, no profile), with the README's
 * quick tour run as written: its commands are read from README.md and run with bash and curl.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuickTourIntegrationTests {

    @TempDir
    static Path data;

    private static final String ADMIN_PASSWORD = "quick-tour-admin-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void dataInTemporaryFolder(DynamicPropertyRegistry registry) {
        // the default's ./data folder, moved out of the working tree; everything else is the default
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + data.resolve("referral-bridge")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add(
                "referralbridge.sandbox.journal",
                () -> data.resolve("sandbox-ehr.ndjson").toString());
        // only in tests: HAPI's JPA server (test-ehr) brings Quartz and Hibernate Search onto the class path
        registry.add(
                "spring.autoconfigure.exclude",
                () -> "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration");
        registry.add("spring.jpa.properties.hibernate.search.enabled", () -> "false");
        // what the reader copies from the first start's log into the tour's first line
        registry.add("referralbridge.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @Test
    void embeddedDefaultRunsOnH2WithTheSandbox() {
        String mode = jdbc.sql("select setting_value from information_schema.settings where setting_name = 'MODE'")
                .query(String.class)
                .single();
        assertThat(mode).isEqualTo("PostgreSQL");
    }

    @Test
    void quickTourWorksAsWritten() throws Exception {
        String tour = quickTour()
                .replace("http://localhost:8080", "http://localhost:" + port)
                .replace("the-password-from-the-log", ADMIN_PASSWORD);

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", tour)
                .redirectErrorStream(true)
                .start();
        boolean finished = bash.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as(output).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        Matcher advocate = Pattern.compile("Patient/(\\S+) hands out referral code ([2-9A-Z]{4}-[2-9A-Z]{4})")
                .matcher(output);
        assertThat(advocate.find()).as(output).isTrue();
        assertThat(output)
                .contains("\"status\":\"LINKED\"")
                .contains("\"referrerReference\":\"Patient/" + advocate.group(1) + "\"")
                .contains("{\"url\":\"referrer\",\"valueReference\":{\"reference\":\"Patient/" + advocate.group(1)
                        + "\"}}")
                .contains("{\"url\":\"code\",\"valueString\":\"" + advocate.group(2) + "\"}");
    }

    private static String quickTour() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("## Quick tour.*?```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("README.md has a Quick tour with a bash block")
                .isTrue();
        return block.group(1);
    }
}
