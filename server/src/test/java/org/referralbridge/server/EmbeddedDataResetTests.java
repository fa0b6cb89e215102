package org.referralbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedDataResetTests {

    @TempDir
    Path dir;

    @Test
    void resetDeletesTheH2DatabaseAndTheSandboxJournal() throws IOException {
        Path database = file("data/referral-bridge.mv.db");
        Path trace = file("data/referral-bridge.trace.db");
        Path journal = file("data/sandbox-ehr.ndjson");
        Path other = file("data/keep.txt");

        new EmbeddedDataReset().onApplicationEvent(prepared(embedded(), "--reset"));

        assertThat(database).doesNotExist();
        assertThat(trace).doesNotExist();
        assertThat(journal).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void withoutResetNothingIsDeleted() throws IOException {
        Path database = file("data/referral-bridge.mv.db");
        Path journal = file("data/sandbox-ehr.ndjson");

        new EmbeddedDataReset().onApplicationEvent(prepared(embedded(), "--demo"));

        assertThat(database).exists();
        assertThat(journal).exists();
    }

    @Test
    void resetLeavesAnyOtherDatabaseAlone() throws IOException {
        Path journal = file("data/sandbox-ehr.ndjson");
        Map<String, Object> postgres = Map.of(
                "spring.datasource.url",
                "jdbc:postgresql://127.0.0.1:5432/referralbridge",
                "referralbridge.sandbox.journal",
                journal.toString());

        assertThat(EmbeddedDataReset.reset(environment(postgres))).containsExactly(journal);
    }

    @Test
    void resetOfAFreshDirectoryDeletesNothing() {
        assertThat(EmbeddedDataReset.reset(environment(embedded()))).isEmpty();
    }

    private Map<String, Object> embedded() {
        return Map.of(
                "spring.datasource.url",
                "jdbc:h2:file:" + dir.resolve("data/referral-bridge") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "referralbridge.sandbox.journal",
                dir.resolve("data/sandbox-ehr.ndjson").toString());
    }

    private ApplicationEnvironmentPreparedEvent prepared(Map<String, Object> properties, String... args) {
        StandardEnvironment environment = environment(properties);
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return new ApplicationEnvironmentPreparedEvent(
                null, new SpringApplication(ReferralBridgeApplication.class), args, environment);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private Path file(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        return file;
    }
}
