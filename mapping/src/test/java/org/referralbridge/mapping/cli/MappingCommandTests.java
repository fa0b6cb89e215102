package org.referralbridge.mapping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping command line: exit codes and output of each command, on temporary files. */
class MappingCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MappingCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Path sample(String profile, String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/samples/" + profile + "/" + file)) {
            Path copy = dir.resolve(profile + "-" + file);
            Files.write(copy, in.readAllBytes());
            return copy;
        }
    }

    @Test
    void noArgumentsPrintsTheUsageAndExitsWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage: mapping").contains("validate FILE").contains("dry-run --profile");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndTheShippedProfiles() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("Usage: mapping").contains("intake-questionnaire, vendor-extension");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("convert", "x.yaml")).isEqualTo(2);
        assertThat(err()).contains("Unknown command 'convert'");
    }

    @Test
    void validateAcceptsAValidProfile() throws IOException {
        Path file = write("acme.yaml", "formatVersion: 1\nname: acme\nextends: default\n");

        assertThat(run("validate", file.toString())).isZero();
        assertThat(out()).contains("valid mapping profile 'acme'");
    }

    @Test
    void validatePrintsEveryLocatedProblemOfAnInvalidProfile() throws IOException {
        Path file = write(
                "broken.yaml",
                "formatVersion: 1\nname: broken\nextends: default\nprecedence: [Encounter]\npatient:\n  chanel: x\n");

        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(err())
                .contains("Mapping profile 'broken.yaml' has 2 problems")
                .contains("broken.yaml:4:")
                .contains("precedence[0]")
                .contains("broken.yaml:6:3: patient.chanel: unknown key");
    }

    @Test
    void validateChecksEveryProfileOfAFolder() throws IOException {
        write("profiles/a.yaml", "formatVersion: 1\nname: acme\nextends: default\n");
        write("profiles/b.yaml", "formatVersion: 1\nname: acme\nextends: default\n");

        assertThat(run("validate", dir.resolve("profiles").toString())).isEqualTo(1);
        assertThat(err()).contains("b.yaml:2:").contains("'acme' is already used by a.yaml");

        Files.delete(dir.resolve("profiles/b.yaml"));
        assertThat(run("validate", dir.resolve("profiles").toString())).isZero();
        assertThat(out()).contains("1 valid mapping profile(s): acme");
    }

    @Test
    void validateOfAMissingFileOrWithoutOneIsAUsageError() {
        assertThat(run("validate", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(err()).contains("Cannot read profile file");
        assertThat(run("validate")).isEqualTo(2);
    }

    @Test
    void dryRunOfAShippedProfilePrintsEvidenceLookupsAndTrace() throws IOException {
        Path patient = sample("vendor-extension", "Patient.json");

        assertThat(run("dry-run", "--profile", "vendor-extension", "--input", patient.toString()))
                .isZero();
        assertThat(out())
                .contains("Profile vendor-extension (vendor-extension.yaml)")
                .contains("Patient/5c8e9b2a-7d41-4f0e-9a63-2b1f7e4c9d10")
                .contains("channel: friend-family")
                .contains("strategy referrer-name")
                .contains("patient.channel = extension('http://vendor.example.com/fhir/StructureDefinition/how-heard')")
                .contains("-> http://vendor.example.com/fhir/CodeSystem/how-heard|FRND")
                .contains("1 resource(s) read, 0 input(s) could not be parsed");
    }

    @Test
    void dryRunPrintsOneJsonDocument() throws IOException {
        Path response = sample("intake-questionnaire", "QuestionnaireResponse.json");

        assertThat(run("dry-run", "--profile", "intake-questionnaire", "--input", response.toString(), "--json"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("profile").asText()).isEqualTo("intake-questionnaire");
        JsonNode result = json.get("results").get(0);
        assertThat(result.get("resourceType").asText()).isEqualTo("QuestionnaireResponse");
        assertThat(result.at("/evidence/referralCode").asText()).isEqualTo("ANNA-7K2Q");
        assertThat(result.at("/evidence/referrerDescription/text").asText()).isEqualTo("Ana Rivera");
        assertThat(result.at("/lookups/0/strategy").asText()).isEqualTo("referral-code");
        assertThat(result.at("/lookups/1/strategy").asText()).isEqualTo("referrer-name");
        assertThat(result.get("trace").findValuesAsText("field")).contains("questionnaireResponse.referralCode");
        assertThat(json.get("errors")).isEmpty();
    }

    @Test
    void dryRunReadsBundlesNdjsonAndFoldersAndReportsWhatDoesNotParse() throws IOException {
        write("in/bundle.json", """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "b1"}},
                  {"resource": {"resourceType": "Encounter", "id": "b2", "status": "finished",
                                "class": {"code": "AMB"}, "subject": {"reference": "Patient/b1"}}}
                ]}
                """);
        write("in/more.ndjson", """
                {"resourceType": "Coverage", "id": "n1", "status": "active", "beneficiary": {"reference": "Patient/b1"}, "payor": [{"display": "Medicaid of Texas"}]}
                {"resourceType": "Observation", "id": "n2", "status": "final", "code": {"text": "x"}}
                this is "not json" for Jane Doe
                """);
        write("in/sub/broken.json", "{\"resourceType\": \"Patient\", \"birthDate\": [");
        write("in/readme.txt", "ignored");

        int code = run(
                "dry-run", "--profile", "default", "--input", dir.resolve("in").toString(), "--json");

        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("results").findValuesAsText("input"))
                .extracting(
                        input -> input.substring(dir.resolve("in").toString().length() + 1))
                .containsExactly("bundle.json#entry[0]", "bundle.json#entry[1]", "more.ndjson:1", "more.ndjson:2");
        assertThat(json.at("/results/1/encounter/status").asText()).isEqualTo("finished");
        assertThat(json.at("/results/2/coverage/federalPrograms/0").asText()).isEqualTo("MEDICAID");
        assertThat(json.at("/results/3/notes/0").asText()).contains("Observation resources are not read");
        assertThat(json.get("errors")).hasSize(2);
        assertThat(err()).contains("more.ndjson:3: not a FHIR R4 JSON resource").contains("broken.json");
        assertThat(err()).doesNotContain("Jane");
    }

    @Test
    void dryRunWithAnInvalidProfileFileExitsWithOne() throws IOException {
        Path profile =
                write("bad.yaml", "formatVersion: 1\nname: bad\nextends: default\nreferrerMatching:\n  by: [x]\n");
        Path input = write("p.json", "{\"resourceType\": \"Patient\", \"id\": \"p1\"}");

        assertThat(run("dry-run", "--profile", profile.toString(), "--input", input.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("bad.yaml:5:").contains("referrerMatching.by[0]");
    }

    @Test
    void dryRunUsageErrorsExitWithTwo() throws IOException {
        Path input = write("p.json", "{\"resourceType\": \"Patient\", \"id\": \"p1\"}");

        assertThat(run("dry-run", "--input", input.toString())).isEqualTo(2);
        assertThat(run("dry-run", "--profile", "epic", "--input", input.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("'epic' is neither a profile file nor a shipped profile");
        assertThat(run(
                        "dry-run",
                        "--profile",
                        "default",
                        "--input",
                        dir.resolve("none").toString()))
                .isEqualTo(2);
        assertThat(run("dry-run", "--profile", "default", "--input", input.toString(), "--yaml"))
                .isEqualTo(2);
        assertThat(run("dry-run", "--profile")).isEqualTo(2);
    }
}
