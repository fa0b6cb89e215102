package org.referralbridge.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The real Synthea R4 data shared by the project ({@code ../shared/testdata/synthea-r4} from the project root): 615
 * Patients and 18,098 Encounters as gzipped ndjson.
 */
final class SyntheaData {

    private SyntheaData() {}

    static <T extends IBaseResource> List<T> read(String file, Class<T> type) {
        var parser = Fhir.CONTEXT.newJsonParser();
        try (var lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(directory().resolve(file))), StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> parser.parseResource(type, line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/synthea-r4");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The shared Synthea test data (shared/testdata/synthea-r4) was not found above "
                + Path.of("").toAbsolutePath());
    }
}
