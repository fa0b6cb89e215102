package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar ({@code -hapi-plugin.jar}) holds our classes and the FHIR package, and nothing a HAPI FHIR JPA
 * server already has. Runs after packaging (failsafe), with the jar's path in {@code hapi-plugin.jar}.
 */
class HapiPluginJarTests {

    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        Path jar = Path.of(System.getProperty("hapi-plugin.jar", "target/missing-hapi-plugin.jar"));
        assertThat(jar).as("the plugin jar built by the package phase").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void holdsThePluginItsCollaboratorsAndTheFhirPackage() {
        assertThat(entries)
                .contains(
                        "org/referralbridge/fhirplugin/hapi/HapiPluginConfiguration.class",
                        "org/referralbridge/fhirplugin/hapi/ReferrerLinkingInterceptor.class",
                        "org/referralbridge/fhirplugin/hapi/SearchParameterInstaller.class",
                        "org/referralbridge/conformance/ConformancePackage.class",
                        "org/referralbridge/conformance/Canonicals$PatientSearch.class",
                        "fhir/package/package.json",
                        "fhir/package/SearchParameter-advocate-code.json",
                        "fhir/package/StructureDefinition-referral-source.json");
    }

    @Test
    void holdsNoClassOfHapiSpringOrAnyOtherLibrary() {
        assertThat(entries)
                .noneMatch(entry -> entry.startsWith("ca/uhn/"))
                .noneMatch(entry -> entry.startsWith("org/hl7/"))
                .noneMatch(entry -> entry.startsWith("org/springframework/"))
                .noneMatch(entry -> entry.startsWith("com/fasterxml/"))
                .noneMatch(entry -> entry.startsWith("org/slf4j/"));
        assertThat(entries.stream().filter(entry -> entry.endsWith(".class")))
                .isNotEmpty()
                .allMatch(entry -> entry.startsWith("org/referralbridge/"));
    }

    @Test
    void leavesTheMappingModuleOut() {
        assertThat(entries).noneMatch(entry -> entry.startsWith("org/referralbridge/mapping/"));
    }

    @Test
    void isSmall() throws IOException {
        Path jar = Path.of(System.getProperty("hapi-plugin.jar"));
        assertThat(Files.size(jar)).isLessThan(2_000_000);
    }
}
