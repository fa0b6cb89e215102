package org.referralbridge.fhirplugin.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only test data beside the project ({@code ../shared/testdata} from the project root). */
public final class SharedTestData {

    private SharedTestData() {}

    /** A folder under shared/testdata, found from the working directory upwards (module or project root). */
    public static Path folder(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata").resolve(relative);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/" + relative + " not found above the working directory");
    }
}
