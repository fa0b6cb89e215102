package org.referralbridge.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * {@code --reset}: start afresh by deleting the embedded default's data before anything opens it, i.e. the H2 file
 * database ({@code spring.datasource.url} of the form {@code jdbc:h2:file:<path>}) and the sandbox EHR's journal
 * ({@code referralbridge.sandbox.journal}). Any other database (PostgreSQL) is never touched: that is an operator's
 * job, not a command-line flag's.
 */
final class EmbeddedDataReset implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String OPTION = "reset";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataReset.class);

    private static final String H2_FILE = "jdbc:h2:file:";

    /** The files H2 2.x keeps next to its database path. */
    private static final List<String> H2_SUFFIXES = List.of(".mv.db", ".trace.db", ".lock.db");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getEnvironment().containsProperty(OPTION)) {
            reset(event.getEnvironment());
        }
    }

    /** Deletes the embedded data the environment points at and returns the files it deleted. */
    static List<Path> reset(Environment environment) {
        List<Path> deleted = new ArrayList<>();
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith(H2_FILE)) {
            String database = url.substring(H2_FILE.length()).split(";", 2)[0];
            for (String suffix : H2_SUFFIXES) {
                delete(Path.of(database + suffix), deleted);
            }
        } else {
            log.warn("--reset deletes only an embedded H2 file database; the configured database is left as it is");
        }
        String journal = environment.getProperty("referralbridge.sandbox.journal", "");
        if (!journal.isBlank()) {
            delete(Path.of(journal), deleted);
        }
        log.info("--reset: deleted {}", deleted.isEmpty() ? "nothing (no data yet)" : deleted);
        return deleted;
    }

    private static void delete(Path file, List<Path> deleted) {
        try {
            if (Files.deleteIfExists(file)) {
                deleted.add(file.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--reset could not delete " + file.toAbsolutePath(), e);
        }
    }
}
