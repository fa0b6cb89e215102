package org.referralbridge.server.program;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads {@code referralbridge.programs.directory} at start; a bad program file stops the start, naming every problem
 * of every file with its line and field.
 */
@Component
@Order(0)
class ProgramsAtStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProgramsAtStart.class);

    private final ProgramCatalog catalog;
    private final ProgramProperties properties;
    private final PracticeProperties practice;

    ProgramsAtStart(ProgramCatalog catalog, ProgramProperties properties, PracticeProperties practice) {
        this.catalog = catalog;
        this.properties = properties;
        this.practice = practice;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.directory() != null && !properties.directory().isBlank()) {
            catalog.loadDirectory(Path.of(properties.directory()));
        }
        String state = practice.state() == null || practice.state().isBlank() ? "not set" : practice.state();
        log.info(
                "Practice state {}; {} program(s) active today",
                state,
                catalog.activeToday().size());
    }
}
