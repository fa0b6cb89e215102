package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The package as files: what any FHIR server or validator reads, in the source tree and in the built tarball. */
class PackageLayoutTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tests run in the module folder (Maven's basedir). */
    private static final Path PACKAGE = Path.of("src/main/resources").resolve(ConformancePackage.CLASSPATH_ROOT);
    /** Built in process-resources, so that it exists when tests run; the build passes its path. */
    private static final Path TARBALL =
            Path.of(System.getProperty("fhir-package.file", "target/" + Canonicals.PACKAGE_NAME + "-0.1.0.tgz"));

    @ParameterizedTest(name = "package/{0}")
    @ValueSource(strings = {"", "example/"})
    void indexListsExactlyTheResourceFilesOfItsFolder(String folder) throws IOException {
        assertThat(indexedFileNames(folder))
                .containsExactlyInAnyOrderElementsOf(resourceFileNames(PACKAGE.resolve(folder)));
    }

    @ParameterizedTest(name = "package/{0}")
    @ValueSource(strings = {"", "example/"})
    void indexNamesEachFileAfterTheTypeAndIdOfItsResource(String folder) throws IOException {
        for (JsonNode entry : index(folder)) {
            String type = entry.path("resourceType").asText();
            String id = entry.path("id").asText();
            assertThat(entry.path("filename").asText()).isEqualTo(type + "-" + id + ".json");
            JsonNode resource = JSON.readTree(PACKAGE.resolve(folder)
                    .resolve(entry.path("filename").asText())
                    .toFile());
            assertThat(resource.path("resourceType").asText()).isEqualTo(type);
            assertThat(resource.path("id").asText()).isEqualTo(id);
            assertThat(resource.path("url").asText(null))
                    .isEqualTo(entry.path("url").asText(null));
        }
    }

    @Test
    void packageFolderHoldsNothingButTheManifestIndexesResourcesAndExamples() throws IOException {
        List<String> files = filesUnder(PACKAGE);

        assertThat(files)
                .allSatisfy(file -> assertThat(file)
                        .matches("(example/)?(\\.index\\.json|[A-Z][A-Za-z]+-[a-z0-9-]+\\.json)|package\\.json"));
        assertThat(files).contains("package.json", ".index.json", "example/.index.json");
    }

    @Test
    void packageJsonDeclaresNameVersionCanonicalAndR4CoreDependency() throws IOException {
        JsonNode manifest = JSON.readTree(PACKAGE.resolve("package.json").toFile());

        assertThat(manifest.path("name").asText()).isEqualTo(Canonicals.PACKAGE_NAME);
        assertThat(manifest.path("version").asText()).isEqualTo("0.1.0");
        assertThat(manifest.path("canonical").asText()).isEqualTo(Canonicals.BASE);
        assertThat(manifest.path("fhirVersions"))
                .containsExactly(JSON.getNodeFactory().textNode("4.0.1"));
        assertThat(manifest.path("dependencies").path("hl7.fhir.r4.core").asText())
                .isEqualTo("4.0.1");
    }

    @Test
    void tarballIsNamedAfterThePackageAndHoldsThePackageFolderUnderPackage() throws IOException {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(TARBALL)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.add(entry.getName());
                }
            }
        }

        assertThat(TARBALL.getFileName()).hasToString(Canonicals.PACKAGE_NAME + "-0.1.0.tgz");
        assertThat(entries)
                .containsExactlyInAnyOrderElementsOf(filesUnder(PACKAGE).stream()
                        .map(file -> "package/" + file)
                        .toList());
    }

    @Test
    void hapiReadsTheTarballAsAnNpmPackage() throws IOException {
        NpmPackage npm;
        try (InputStream in = Files.newInputStream(TARBALL)) {
            npm = NpmPackage.fromPackage(in);
        }

        assertThat(npm.name()).isEqualTo(Canonicals.PACKAGE_NAME);
        assertThat(npm.version()).isEqualTo("0.1.0");
        assertThat(npm.canonical()).isEqualTo(Canonicals.BASE);
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.listResources("StructureDefinition"))
                .containsExactlyInAnyOrder(
                        "StructureDefinition-referral-source.json",
                        "StructureDefinition-referral-advocate.json",
                        "StructureDefinition-referral-bridge-audit-event.json",
                        "StructureDefinition-referral-reward.json",
                        "StructureDefinition-referral-reward-referral.json",
                        "StructureDefinition-referral-reward-referred-patient.json",
                        "StructureDefinition-referral-reward-program.json",
                        "StructureDefinition-referral-reward-status.json",
                        "StructureDefinition-referral-reward-retail-value.json",
                        "StructureDefinition-referral-reward-kind.json",
                        "StructureDefinition-referral-reward-decision.json",
                        "StructureDefinition-referral-reward-revision.json",
                        "StructureDefinition-referral-reward-task.json",
                        "StructureDefinition-referral-disclosure-consent.json",
                        "StructureDefinition-referrer-recognition-consent.json",
                        "StructureDefinition-program-messages-consent.json",
                        "StructureDefinition-referral-program-communication.json");
        assertThat(npm.listResources("SearchParameter")).hasSize(4);
        assertThat(npm.getFolders().get("example").listFiles()).hasSize(14);
    }

    private static List<String> indexedFileNames(String folder) throws IOException {
        List<String> names = new ArrayList<>();
        index(folder).forEach(entry -> names.add(entry.path("filename").asText()));
        return names;
    }

    private static JsonNode index(String folder) throws IOException {
        return JSON.readTree(PACKAGE.resolve(folder).resolve(PackageFiles.INDEX).toFile())
                .path("files");
    }

    private static List<String> resourceFileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals("package.json") && !name.equals(PackageFiles.INDEX))
                    .toList();
        }
    }

    /** Every file under {@code root}, as a path relative to it with forward slashes. */
    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
