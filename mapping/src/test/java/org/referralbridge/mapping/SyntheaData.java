package org.referralbridge.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The project's slice of real Synthea R4 data ({@code testdata/synthea-r4} at the project root, see its README.md): 18
 * Patients and their 384 Encounters as gzipped ndjson.
 */
final class SyntheaData {

    private SyntheaData() {}

    static <T extends IBaseResource> List<T> read(String file, Class<T> type) {
        var parser = Fhir.CONTEXT.newJsonParser();
        try (var lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(
                        Files.newInputStream(TestData.path("synthea-r4").resolve(file))),
                StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> parser.parseResource(type, line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
