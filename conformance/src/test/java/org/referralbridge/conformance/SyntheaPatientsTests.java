package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real, messy Patients (Synthea, with US Core extensions our validator does not know) carrying our extensions:
 * whatever errors a Patient had before, adding our extensions must add none.
 */
class SyntheaPatientsTests {

    /**
     * The project's slice of Synthea (testdata/synthea-r4, see its README.md): 18 Patients, 3 of them with a language
     * code system that fails strict validation; enough variety for a few seconds.
     */
    private static final Path PATIENTS = TestData.path("synthea-r4/patients.ndjson.gz");

    private static final IParser json = Conformance.CTX.newJsonParser();
    private static final ConformanceValidator validator = Conformance.validator();

    static Stream<Named<Patient>> sample() {
        return lines().stream()
                .map(line -> json.parseResource(Patient.class, line))
                .map(patient -> Named.of(patient.getIdElement().getIdPart(), patient));
    }

    @Test
    void sampleIsRealSyntheaDataWithExtensionsOfItsOwn() {
        List<Patient> patients = sample().map(Named::getPayload).toList();

        assertThat(patients).hasSize(18);
        assertThat(patients)
                .filteredOn(patient -> patient.getCommunicationFirstRep()
                        .getLanguage()
                        .getCodingFirstRep()
                        .getSystem()
                        .equals("http://id.loc.gov/vocabulary/iso639-1"))
                .hasSize(3);
        assertThat(patients)
                .allSatisfy(patient -> assertThat(patient.getExtension())
                        .anySatisfy(extension -> assertThat(extension.getUrl()).contains("us-core")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void addingAReferralSourceAndAdvocateStatusAddsNoErrors(Patient patient) {
        List<ValidationReport.Issue> before =
                validator.validate(json.encodeResourceToString(patient)).errors();

        patient.addExtension(ComplexExtension.referralSource().build());
        patient.addExtension(ComplexExtension.referralAdvocate().build());
        ValidationReport after = validator.validate(json.encodeResourceToString(patient));

        assertThat(after.errors()).as(after.summary()).containsExactlyInAnyOrderElementsOf(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void aWrongReferralSourceIsTheOnlyNewError(Patient patient) {
        List<ValidationReport.Issue> before = validator.validate(patient).errors();
        int ours = patient.getExtension().size();

        patient.addExtension(
                ComplexExtension.referralSource().channel("billboard").build());
        List<ValidationReport.Issue> added = validator.validate(patient).errors().stream()
                .filter(issue -> !before.contains(issue))
                .toList();

        assertThat(added)
                .isNotEmpty()
                .allSatisfy(issue -> assertThat(issue.location()).startsWith("Patient.extension[" + ours + "]"));
    }

    private static List<String> lines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(PATIENTS)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
