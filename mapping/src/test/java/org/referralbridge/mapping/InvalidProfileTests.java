package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake in a profile gives a specific problem naming where it is. */
class InvalidProfileTests {

    private static InvalidMappingProfile problemsOf(String yaml) {
        return problemsOf(() -> Fhir.PROFILES.load(yaml, "clinic.yaml"));
    }

    private static InvalidMappingProfile problemsOf(ThrowingCallable load) {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(load);
        assertThat(thrown).isInstanceOf(InvalidMappingProfile.class);
        return (InvalidMappingProfile) thrown;
    }

    @Test
    void reportsAnEmptyFile() {
        var invalid = problemsOf("# only a comment\n");

        assertThat(invalid.sourceName()).isEqualTo("clinic.yaml");
        assertThat(invalid.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
    }

    @Test
    void reportsTextThatIsNotYamlWithItsLine() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: broken
                patient: [unclosed
                encounter: {
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isGreaterThan(2);
        });
    }

    @Test
    void reportsAYamlListWhereAProfileBelongs() {
        var invalid = problemsOf("- one\n- two\n");

        assertThat(invalid.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("expected a mapping profile")
                        .contains("a list"));
    }

    @Test
    void reportsSeveralDocumentsInOneFile() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: first
                extends: default
                ---
                name: second
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::line, InvalidMappingProfile.Problem::message)
                .containsExactly(
                        tuple(5, "the file holds more than one YAML document; put one mapping profile in each file"));
    }

    @Test
    void reportsAnUnknownKeyWithTheKeyItProbablyMeant() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: typo
                extends: default
                patient:
                  referalCode: extension('x').value
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("patient.referalCode");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).isEqualTo("unknown key; did you mean 'referralCode'?");
        });
    }

    @Test
    void reportsMissingRequiredFieldsAndSectionsOfAProfileThatExtendsNothing() {
        var invalid = problemsOf("""
                formatVersion: 1
                patient:
                  channel: extension('x').value
                encounter:
                  classCode: class.code
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::path)
                .containsExactlyInAnyOrder("name", "encounter.patient", "encounter.status", "coverage");
        assertThat(invalid.problems())
                .filteredOn(p -> p.path().equals("coverage"))
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("missing required section")
                        .contains("extends: default"));
    }

    @Test
    void reportsAnEvidenceSectionThatReadsNothing() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: nothing-to-read
                extends: default
                questionnaireResponse:
                  patient: subject
                  program: "'spring'"
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("questionnaireResponse.referralCode");
            assertThat(p.message()).contains("at least one of referralCode, channel, referrer, referrerIdentifier");
        });
    }

    @Test
    void reportsFhirPathThatDoesNotParseWithTheParsersMessage() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: bad-fhirpath
                extends: default
                patient:
                  channel:
                    - extension('x').value
                    - extension('y').value)
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("patient.channel[1]");
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).startsWith("FHIRPath does not parse: ").contains("unexpected token");
        });
    }

    @Test
    void reportsAnExpressionWrittenForTheWrongResourceType() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: wrong-type
                extends: default
                encounter:
                  status: Patient.active
                  classCode: Encounter.class.code
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("encounter.status");
            assertThat(p.message())
                    .isEqualTo("wrong resource type: the expression starts with 'Patient' but this section is "
                            + "evaluated on Encounter resources");
        });
    }

    @Test
    void reportsAReferrerTypeThatCannotBeAReferrer() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: wrong-referrer
                extends: default
                referrerMatching:
                  by: [referral-code, by-name]
                  referrerTypes: [Patient, Encounter]
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::path, InvalidMappingProfile.Problem::message)
                .containsExactly(
                        tuple(
                                "referrerMatching.by[1]",
                                "'by-name' is not a matching strategy; expected one of referral-code, "
                                        + "referrer-reference, referrer-identifier, referrer-name"),
                        tuple(
                                "referrerMatching.referrerTypes[1]",
                                "wrong resource type 'Encounter' for a referrer; expected one of Organization, "
                                        + "Patient, Practitioner, RelatedPerson"));
    }

    @Test
    void reportsAConstantTheEvaluatorDoesNotProvide() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: constant
                extends: default
                patient:
                  program: "%programKey"
                  method: "'100%' + %resource.id"
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("patient.program");
            assertThat(p.message()).startsWith("unknown FHIRPath constant '%programKey'");
        });
    }

    @Test
    void reportsACodeMapToAnUnknownChannelCode() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: bad-map
                extends: default
                patient:
                  channelMap:
                    FR: friend-family
                    NEWS: newspaper
                    fr: patient
                  channelDefault: unknown
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::line, InvalidMappingProfile.Problem::path)
                .containsExactly(
                        tuple(7, "patient.channelMap.NEWS"),
                        tuple(8, "patient.channelMap.fr"),
                        tuple(9, "patient.channelDefault"));
        assertThat(invalid.problems().get(0).message())
                .isEqualTo("'newspaper' is not a referral-channel code; expected one of patient, friend-family, "
                        + "provider, campaign, web, social, event, other");
        assertThat(invalid.problems().get(1).message()).contains("already mapped as 'FR'");
    }

    @Test
    void reportsValuesOfTheWrongShape() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: shapes
                extends: default
                patient:
                  referralCode: {path: x}
                  channelMap: [FR, friend-family]
                writeBack:
                  flag:
                    enabled: sometimes
                    code: no-system
                  referralSource:
                    extension: not a url
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::path, InvalidMappingProfile.Problem::message)
                .containsExactly(
                        tuple("patient.referralCode", "expected a single value, found a mapping of keys"),
                        tuple("patient.channelMap", "expected a mapping of keys, found a list"),
                        tuple("writeBack.flag.enabled", "expected true or false"),
                        tuple("writeBack.flag.code", "expected system|code"),
                        tuple("writeBack.referralSource.extension", "expected an absolute URL, found 'not a url'"));
    }

    @Test
    void reportsBadFederalProgramEntriesAndAnEmptyList() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: payers
                extends: default
                coverage:
                  federalPrograms:
                    medicare: ["https://nahdo.org/sopt|1*2"]
                    medicaid: ["|2"]
                    veterans: ["https://nahdo.org/sopt|32"]
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::path)
                .containsExactly(
                        "coverage.federalPrograms.medicare[0]",
                        "coverage.federalPrograms.medicaid[0]",
                        "coverage.federalPrograms.veterans");
    }

    @Test
    void reportsAnUnsupportedFormatVersionAndAnUnknownBaseProfile() {
        var invalid = problemsOf("""
                formatVersion: 2
                name: future
                extends: epic-default
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::path, InvalidMappingProfile.Problem::message)
                .contains(
                        tuple("formatVersion", "unsupported format version '2'; this release reads version 1"),
                        tuple("extends", "a profile can only extend 'default' (referral-bridge-native)"));
    }

    @Test
    void reportsADuplicateKey() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: twice
                extends: default
                encounter:
                  status: status
                  status: status.value
                """);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("encounter.status");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).isEqualTo("duplicate key; it is already set on line 5");
        });
    }

    @Test
    void collectsEveryProblemInFileOrderAndListsThemInTheMessage() {
        var invalid = problemsOf("""
                formatVersion: 1
                name: many
                extends: default
                patient:
                  chanel: extension('x').value
                encounter:
                  status: status.where(
                coverage:
                  federalPrograms:
                    medicare: ["|1"]
                """);

        assertThat(invalid.problems())
                .extracting(InvalidMappingProfile.Problem::line)
                .containsExactly(5, 7, 10);
        assertThat(invalid.getMessage())
                .startsWith("Mapping profile 'clinic.yaml' has 3 problems:")
                .contains("clinic.yaml:5:3: patient.chanel: unknown key; did you mean 'channel'?")
                .contains("clinic.yaml:7:")
                .contains("clinic.yaml:10:");
    }

    @Test
    void namesTheFileAProfileWasLoadedFrom(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acme-epic.yaml");
        Files.writeString(file, "formatVersion: 1\nname: acme\nextends: default\nencounter:\n  stauts: status\n");

        var invalid = problemsOf(() -> Fhir.PROFILES.load(file));

        assertThat(invalid.sourceName()).isEqualTo("acme-epic.yaml");
        assertThat(invalid.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo("acme-epic.yaml"));
    }

    @Test
    void loadsAValidProfileFromAStream() {
        var yaml = "formatVersion: 1\nname: from-stream\nextends: default\n";

        var profile = Fhir.PROFILES.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");

        assertThat(profile.name()).isEqualTo("from-stream");
        assertThat(profile.sourceName()).isEqualTo("s.yaml");
    }

    @Test
    void aNullSectionRemovesWhatTheDefaultHad() {
        assertThatThrownBy(() -> Fhir.PROFILES.load(
                        "formatVersion: 1\nname: no-coverage\nextends: default\ncoverage: ~\n", "n.yaml"))
                .isInstanceOf(InvalidMappingProfile.class)
                .hasMessageContaining("n.yaml:4:1: coverage: missing required section");
    }

    /**
     * Broken profiles, one mistake each, after the same three header lines (formatVersion, name, extends: default):
     * the body, then the line, field and words of the one problem expected.
     */
    static Stream<Arguments> brokenProfiles() {
        return Stream.of(
                broken(
                        "a referrerIdentifier that does not parse",
                        "patient:\n  referrerIdentifier: identifier.where(system = 'x'\n",
                        5,
                        "patient.referrerIdentifier",
                        "FHIRPath does not parse"),
                broken(
                        "an unknown strategy in referrerMatching.by",
                        "referrerMatching:\n  by: [referral-code, phone-number]\n",
                        5,
                        "referrerMatching.by[1]",
                        "'phone-number' is not a matching strategy; expected one of referral-code, referrer-reference, "
                                + "referrer-identifier, referrer-name"),
                broken(
                        "precedence naming a type evidence is not read from",
                        "precedence: [Encounter, Patient]\n",
                        4,
                        "precedence[0]",
                        "'Encounter' is not a resource type evidence is read from; expected Patient or "
                                + "QuestionnaireResponse"),
                broken(
                        "a duplicate precedence entry",
                        "precedence:\n  - Patient\n  - Patient\n",
                        6,
                        "precedence[1]",
                        "'Patient' is listed twice"),
                broken("an empty precedence list", "precedence: []\n", 4, "precedence", "names no resource type"),
                broken(
                        "the referrer-name strategy with no referrer name in any section",
                        "referrerMatching:\n  by: [referral-code, referrer-name]\n",
                        5,
                        "referrerMatching.by[1]",
                        "'referrer-name' can never match: no patient or questionnaireResponse section sets "
                                + "referrerName, referrerGiven, referrerFamily"),
                broken(
                        "the referrer-identifier strategy with no referrerIdentifier in any section",
                        "patient:\n  referrerName: extension('x').value\nreferrerMatching:\n  by: [referrer-identifier]\n",
                        7,
                        "referrerMatching.by[0]",
                        "'referrer-identifier' can never match"),
                broken(
                        "a strategy listed twice",
                        "patient:\n  referrerName: extension('x').value\nreferrerMatching:\n"
                                + "  by: [referrer-name, referrer-name]\n",
                        7,
                        "referrerMatching.by[1]",
                        "'referrer-name' is listed twice"),
                broken(
                        "a referrerIdentifierSystem that is not a URL",
                        "patient:\n  referrerIdentifier: extension('x').value\n  referrerIdentifierSystem: member ids\n",
                        6,
                        "patient.referrerIdentifierSystem",
                        "expected an absolute URL, found 'member ids'"),
                broken(
                        "a referrerIdentifierSystem without referrerIdentifier",
                        "patient:\n  referrerIdentifierSystem: https://clinic.example/sid/member\n",
                        5,
                        "patient.referrerIdentifierSystem",
                        "has no effect without referrerIdentifier"),
                broken(
                        "a referrerName written for another resource type",
                        "patient:\n  referrerName: Encounter.subject.display\n",
                        5,
                        "patient.referrerName",
                        "wrong resource type: the expression starts with 'Encounter'"),
                broken(
                        "a referrerEmail with an unknown constant",
                        "patient:\n  referrerEmail: \"%referrerEmail\"\n",
                        5,
                        "patient.referrerEmail",
                        "unknown FHIRPath constant '%referrerEmail'"),
                broken(
                        "a misspelt referrerGiven",
                        "patient:\n  referrerGivn: extension('x').value\n",
                        5,
                        "patient.referrerGivn",
                        "unknown key; did you mean 'referrerGiven'?"),
                broken(
                        "a referrerBirthDate of the wrong shape",
                        "questionnaireResponse:\n  patient: subject\n  referrerBirthDate: {linkId: dob}\n",
                        6,
                        "questionnaireResponse.referrerBirthDate",
                        "expected a single value, found a mapping of keys"),
                broken(
                        "an empty referrerFamily",
                        "patient:\n  referrerFamily: \"  \"\n",
                        5,
                        "patient.referrerFamily",
                        "must not be empty"),
                broken(
                        "a referrerPhone that does not parse in the questionnaire section",
                        "questionnaireResponse:\n  patient: subject\n  referrerPhone: item.where(linkId = 'phone'\n",
                        6,
                        "questionnaireResponse.referrerPhone",
                        "FHIRPath does not parse"),
                broken(
                        "a questionnaire section without a patient",
                        "questionnaireResponse:\n  referrerName: item.answer.value\n",
                        5,
                        "questionnaireResponse.patient",
                        "missing required field"),
                broken(
                        "a channel map to a code that is not ours",
                        "questionnaireResponse:\n  patient: subject\n  channel: item.answer.value\n"
                                + "  channelMap:\n    radio: broadcast\n",
                        8,
                        "questionnaireResponse.channelMap.radio",
                        "'broadcast' is not a referral-channel code"),
                broken(
                        "a precedence that is not a list of names",
                        "precedence:\n  first: Patient\n",
                        5,
                        "precedence",
                        "expected a single value, found a mapping of keys"));
    }

    private static Arguments broken(String what, String body, int line, String path, String message) {
        return Arguments.of(what, body, line, path, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenProfiles")
    void rejectsABrokenProfileNamingFileLineAndField(String what, String body, int line, String path, String message) {
        var invalid = problemsOf("formatVersion: 1\nname: broken\nextends: default\n" + body);

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("clinic.yaml");
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(message);
        });
        assertThat(invalid.getMessage()).contains("clinic.yaml:" + line + ":").contains(path + ": " + message);
    }
}
