package org.referralbridge.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referralbridge.mapping.InvalidMappingProfile;

/** The catalog is what the start builds: a bad profile or an unknown name stops the start, saying exactly why. */
class MappingCatalogTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theConnectionUsesTheProfileItNamesFromTheDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("clinic.yaml"), """
                formatVersion: 1
                name: clinic
                extends: default
                """);

        MappingCatalog catalog =
                new MappingConfiguration().mappingCatalog(FHIR, new MappingProperties(dir.toString(), "clinic"));

        assertThat(catalog.activeName()).isEqualTo("clinic");
        assertThat(catalog.active().profile().sourceName()).isEqualTo("clinic.yaml");
        assertThat(catalog.names()).contains("clinic", "referral-bridge-native", "vendor-extension");
    }

    @Test
    void aBrokenProfileInTheDirectoryStopsTheStartWithEveryProblemLocated(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), """
                formatVersion: 1
                name: good
                extends: default
                """);
        Files.writeString(dir.resolve("broken.yaml"), """
                formatVersion: 1
                name: broken
                extends: default
                patient:
                  referralCode: "extension('x').value.("
                referrerMatching:
                  by: [referral-code, telepathy]
                """);

        assertThatThrownBy(() ->
                        new MappingConfiguration().mappingCatalog(FHIR, new MappingProperties(dir.toString(), "good")))
                .isInstanceOf(InvalidMappingProfile.class)
                .satisfies(thrown -> assertThat(((InvalidMappingProfile) thrown).problems())
                        .extracting(problem -> problem.source() + ":" + problem.line() + " " + problem.path())
                        .contains("broken.yaml:5 patient.referralCode")
                        .anyMatch(located -> located.startsWith("broken.yaml:7 referrerMatching.by")));
    }

    @Test
    void aProfileNameNobodyKnowsStopsTheStartNamingTheKnownOnes() {
        assertThatThrownBy(
                        () -> new MappingConfiguration().mappingCatalog(FHIR, new MappingProperties("", "epic-magic")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'epic-magic'")
                .hasMessageContaining("intake-questionnaire")
                .hasMessageContaining("referralbridge.mapping.directory");
    }
}
