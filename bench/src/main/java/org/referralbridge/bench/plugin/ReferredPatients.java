package org.referralbridge.bench.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/**
 * Realistic Patients for the benchmarks: the project's Synthea R4 slice ({@code testdata/synthea-r4}), made into
 * advocates or referred Patients with the Referral Bridge extensions.
 */
public final class ReferredPatients {

    private ReferredPatients() {}

    /** The Synthea Patients of {@code testdata/synthea-r4/patients.ndjson.gz}, without their ids. */
    public static List<Patient> synthea(FhirContext fhir) throws IOException {
        IParser parser = fhir.newJsonParser();
        List<Patient> patients = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(syntheaFile())), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    Patient patient = parser.parseResource(Patient.class, line);
                    patient.setId((String) null);
                    patients.add(patient);
                }
            }
        }
        return patients;
    }

    /** One Synthea Patient as JSON, as an EHR would send it. */
    public static String syntheaJson() throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(syntheaFile())), StandardCharsets.UTF_8))) {
            return lines.readLine();
        }
    }

    /** {@code patient} as an advocate owning {@code code}. */
    public static Patient advocate(Patient patient, String code) {
        Patient advocate = patient.copy();
        Extension extension = advocate.addExtension().setUrl(ReferralAdvocate.URL);
        extension.addExtension(ReferralAdvocate.CODE, new StringType(code));
        extension.addExtension(ReferralAdvocate.ENROLLED, new DateType("2025-01-15"));
        return advocate;
    }

    /**
     * {@code patient} referred through {@code channel}, with {@code typedCode} as the front desk typed it, or without
     * a code when it is null.
     */
    public static Patient referred(Patient patient, String channel, String typedCode) {
        Patient referred = patient.copy();
        Extension source = referred.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, channel, null));
        if (typedCode != null) {
            source.addExtension(ReferralSource.CODE, new StringType(typedCode));
        }
        return referred;
    }

    /** How a front desk might type a code: lower case, a space for the hyphen. */
    public static String asTyped(String code) {
        return code.replace("-", " ").toLowerCase(Locale.ROOT);
    }

    /** The lines of {@code testdata/synthea-r4/<file>}, one JSON resource each, as the EHR sends them. */
    public static List<String> syntheaLines(String file) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(syntheaFile(file))), StandardCharsets.UTF_8))) {
            return lines.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private static Path syntheaFile() {
        return syntheaFile("patients.ndjson.gz");
    }

    private static Path syntheaFile(String file) {
        String configured = System.getProperty("referralbridge.testdata");
        if (configured != null) {
            return Path.of(configured, "synthea-r4", file);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata/synthea-r4/" + file);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/synthea-r4 not found above the working directory;"
                + " set -Dreferralbridge.testdata=<folder>");
    }
}
