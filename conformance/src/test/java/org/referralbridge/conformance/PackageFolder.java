package org.referralbridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Test data: a small FHIR package folder written to disk, to load through its own class loader, e.g. {@code new
 * PackageFolder(dir).add(codeSystem).write()}. Files can be listed but left out, or written broken.
 */
final class PackageFolder {

    private final Path root;
    private final List<String> entries = new ArrayList<>();

    PackageFolder(Path dir) {
        this.root = dir.resolve(ConformancePackage.CLASSPATH_ROOT);
        write("package.json", "{\"name\": \"test.package\", \"version\": \"9.9.9\"}");
        write(ConformancePackage.EXAMPLE_FOLDER + PackageFiles.INDEX, "{\"index-version\": 2, \"files\": []}");
    }

    /** Writes {@code resource} as {@code <Type>-<id>.json} and lists it in the index. */
    PackageFolder add(Resource resource) {
        String file = fileName(resource);
        write(file, Conformance.CTX.newJsonParser().encodeResourceToString(resource));
        return list(resource, file);
    }

    /** Lists {@code resource} in the index and writes {@code text} as its file instead of the resource. */
    PackageFolder addBroken(Resource resource, String text) {
        String file = fileName(resource);
        write(file, text);
        return list(resource, file);
    }

    /** Lists {@code resource} in the index without writing its file. */
    PackageFolder listOnly(Resource resource) {
        return list(resource, fileName(resource));
    }

    /** Writes the index and returns a class loader that sees only this folder. */
    ClassLoader classLoader() {
        write(PackageFiles.INDEX, "{\"index-version\": 2, \"files\": [" + String.join(",", entries) + "]}");
        try {
            return new URLClassLoader(
                    new URL[] {root.getParent().getParent().toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private PackageFolder list(Resource resource, String file) {
        String url = resource instanceof MetadataResource metadata ? metadata.getUrl() : null;
        entries.add(List.of(
                        "\"filename\": \"" + file + "\"",
                        "\"resourceType\": \"" + resource.fhirType() + "\"",
                        "\"id\": \"" + resource.getIdElement().getIdPart() + "\"",
                        "\"url\": \"" + url + "\"")
                .stream()
                .collect(Collectors.joining(", ", "{", "}")));
        return this;
    }

    private static String fileName(Resource resource) {
        return resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
    }

    private void write(String file, String text) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
