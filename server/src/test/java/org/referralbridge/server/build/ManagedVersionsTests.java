package org.referralbridge.server.build;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * One version of each library on the class path, and Spring Boot's where Boot manages one: the HAPI BOM must not
 * override Boot's versions (it did: Spring Data 3.3.5 under Boot 3.5.7, Jackson 2.20.0 modules next to 2.19.2 ones).
 * Reads the test class path (a superset of the runtime jar's) and Boot's BOM from the local Maven repository.
 */
class ManagedVersionsTests {

    /** Where the project deliberately differs from Boot, each pinned once in the root pom, with the reason. */
    private static final Map<String, String> PINNED = Map.of(
            "org.apache.commons:commons-lang3", "3.18.0" // HAPI FHIR 8.8.0 calls ObjectUtils.getIfNull, new in 3.18.0
            );

    private static final Path REPOSITORY = Path.of(System.getProperty(
            "maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));

    private final List<Artifact> classPath = Arrays.stream(
                    System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .map(ManagedVersionsTests::artifact)
            .flatMap(java.util.Optional::stream)
            .toList();

    @Test
    void everyLibraryBootManagesHasBootsVersionUnlessPinnedForAReason() {
        Map<String, String> boot = new MavenBom(REPOSITORY)
                .managedVersions(
                        "org.springframework.boot", "spring-boot-dependencies", SpringBootVersion.getVersion());
        assertThat(boot).containsEntry("org.springframework.data:spring-data-jpa", "3.5.5");
        assertThat(classPath).extracting(Artifact::key).contains("org.springframework.data:spring-data-jpa");

        List<String> differing = classPath.stream()
                .filter(artifact -> boot.containsKey(artifact.key()))
                .filter(artifact -> !artifact.version().equals(boot.get(artifact.key())))
                .map(artifact ->
                        artifact.key() + ":" + artifact.version() + " (Boot: " + boot.get(artifact.key()) + ")")
                .toList();

        assertThat(differing)
                .containsExactlyInAnyOrderElementsOf(PINNED.entrySet().stream()
                        .filter(pin -> classPath.stream()
                                .anyMatch(artifact -> artifact.key().equals(pin.getKey())))
                        .map(pin -> pin.getKey() + ":" + pin.getValue() + " (Boot: " + boot.get(pin.getKey()) + ")")
                        .toList());
    }

    @Test
    void eachLibraryFamilyComesInOneVersion() {
        Map<String, Set<String>> versionsByFamily = classPath.stream()
                .filter(artifact -> family(artifact) != null)
                .collect(groupingBy(
                        ManagedVersionsTests::family, mapping(Artifact::version, toCollection(TreeSet::new))));

        assertThat(versionsByFamily).containsKeys("jackson", "spring-framework", "spring-data", "hibernate-orm");
        assertThat(versionsByFamily)
                .allSatisfy(
                        (family, versions) -> assertThat(versions).as(family).hasSize(1));
    }

    private static String family(Artifact artifact) {
        String group = artifact.group();
        if (group.startsWith("com.fasterxml.jackson")) {
            return "jackson";
        }
        if (group.equals("org.springframework")) {
            return "spring-framework";
        }
        if (group.equals("org.springframework.data")) {
            return "spring-data";
        }
        if (group.startsWith("org.eclipse.jetty")) {
            return "jetty";
        }
        if (group.equals("org.hibernate.orm")) {
            return "hibernate-orm";
        }
        if (group.startsWith("ca.uhn.hapi.fhir") && artifact.name().startsWith("hapi-fhir")) {
            return "hapi-fhir";
        }
        return null;
    }

    /** A jar of the local repository: .../group/path/artifact/version/artifact-version[-classifier].jar. */
    private static java.util.Optional<Artifact> artifact(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!absolute.startsWith(REPOSITORY.toAbsolutePath().normalize())
                || !Files.isRegularFile(absolute)
                || absolute.getNameCount() < 4) {
            return java.util.Optional.empty();
        }
        Path relative = REPOSITORY.toAbsolutePath().normalize().relativize(absolute);
        int n = relative.getNameCount();
        String version = relative.getName(n - 2).toString();
        String name = relative.getName(n - 3).toString();
        String group = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
        return java.util.Optional.of(new Artifact(group, name, version));
    }

    private record Artifact(String group, String name, String version) {
        String key() {
            return group + ":" + name;
        }
    }
}
