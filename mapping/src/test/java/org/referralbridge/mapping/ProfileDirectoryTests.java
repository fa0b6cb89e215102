package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles read from a folder, alone and together with the shipped ones. */
class ProfileDirectoryTests {

    @TempDir
    Path dir;

    private void write(String file, String yaml) throws IOException {
        Files.writeString(dir.resolve(file), yaml);
    }

    private static String profile(String name) {
        return "formatVersion: 1\nname: %s\nextends: default\n".formatted(name);
    }

    @Test
    void loadsEveryYamlFileUnderItsProfileName() throws IOException {
        write("b-clinic.yaml", profile("acme-epic"));
        write("a-clinic.yml", profile("zenith-cerner"));
        write("notes.txt", "not a profile");
        Files.createDirectory(dir.resolve("old.yaml"));

        var profiles = Fhir.PROFILES.loadDirectory(dir);

        assertThat(profiles).containsOnlyKeys("zenith-cerner", "acme-epic");
        assertThat(profiles.keySet()).containsExactly("zenith-cerner", "acme-epic");
        assertThat(profiles.get("acme-epic").sourceName()).isEqualTo("b-clinic.yaml");
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() throws IOException {
        write("a.yaml", profile("a") + "patient:\n  chanel: x\n");
        write("b.yaml", profile("b") + "precedence: [Encounter]\n");
        write("c.yaml", profile("c"));

        var invalid = catchThrowableOfType(() -> Fhir.PROFILES.loadDirectory(dir), InvalidMappingProfile.class);

        assertThat(invalid.problems())
                .extracting(
                        InvalidMappingProfile.Problem::source,
                        InvalidMappingProfile.Problem::line,
                        InvalidMappingProfile.Problem::path)
                .containsExactly(tuple("a.yaml", 5, "patient.chanel"), tuple("b.yaml", 4, "precedence[0]"));
        assertThat(invalid.getMessage())
                .contains("has 2 problems")
                .contains("a.yaml:5:3: patient.chanel: unknown key")
                .contains("b.yaml:4:");
    }

    @Test
    void refusesTwoFilesWithTheSameProfileNameNamingBoth() throws IOException {
        write("first.yaml", profile("acme"));
        write("second.yaml", profile("acme"));

        var invalid = catchThrowableOfType(() -> Fhir.PROFILES.loadDirectory(dir), InvalidMappingProfile.class);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("second.yaml");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.path()).isEqualTo("name");
            assertThat(p.message()).contains("'acme'").contains("first.yaml");
        });
    }

    @Test
    void anEmptyFolderHasNoProfiles() {
        assertThat(Fhir.PROFILES.loadDirectory(dir)).isEmpty();
    }

    @Test
    void allIsTheShippedProfilesWithoutAFolder() {
        assertThat(Fhir.PROFILES.all(Optional.empty()).keySet())
                .containsExactlyElementsOf(Fhir.PROFILES.shippedNames());
    }

    @Test
    void aFolderProfileReplacesTheShippedOneOfTheSameName() throws IOException {
        write("vendor.yaml", profile("vendor-extension") + "description: our own vendor mapping\n");
        write("acme.yaml", profile("acme"));

        var all = Fhir.PROFILES.all(Optional.of(dir));

        assertThat(all.keySet())
                .containsExactly(
                        "referral-bridge-native",
                        "intake-questionnaire",
                        "vendor-extension",
                        "identifier-code",
                        "acme");
        assertThat(all.get("vendor-extension").sourceName()).isEqualTo("vendor.yaml");
        assertThat(all.get("vendor-extension").description()).contains("our own vendor mapping");
        assertThat(all.get("intake-questionnaire")).isSameAs(Fhir.PROFILES.shipped("intake-questionnaire"));
    }
}
