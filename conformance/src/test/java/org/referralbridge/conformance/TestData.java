package org.referralbridge.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's test data from outside ({@code testdata/} at the project root; its README.md names the sources). */
final class TestData {

    private TestData() {}

    /**
     * A file or folder under {@code testdata/}, found from the working directory (the module's or the project's)
     * upwards, or under {@code -Dreferralbridge.testdata=<folder>}.
     */
    static Path path(String relative) {
        String configured = System.getProperty("referralbridge.testdata");
        if (configured != null) {
            return Path.of(configured).resolve(relative);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "testdata/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
