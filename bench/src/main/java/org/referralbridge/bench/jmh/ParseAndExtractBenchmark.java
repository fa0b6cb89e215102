package org.referralbridge.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.referralbridge.bench.plugin.ReferredPatients;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;

/**
 * The mapping issue's ratio: extracting what a shipped profile reads from a parsed resource (compiled once, as the
 * service does at start) against HAPI parsing the same resource's JSON, on the real Synthea slice: its 18 Patients,
 * each carrying referral evidence the way the profile expects it, and its 384 Encounters (qualification facts). Each
 * call takes the next resource of the slice, so no single resource's shape decides the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseAndExtractBenchmark {

    private static final String VENDOR = "http://vendor.example.com/fhir/";

    @Param({"referral-bridge-native", "vendor-extension", "identifier-code"})
    public String profile;

    @Param({"Patient", "Encounter"})
    public String resource;

    private FhirContext fhir;
    private ProfileEvaluator evaluator;
    private String[] json;
    private IBaseResource[] parsed;
    private int next;

    @Setup
    public void setUp() throws IOException {
        fhir = FhirContext.forR4();
        evaluator = new ProfileEvaluator(fhir, new MappingProfiles(fhir).shipped(profile));
        IParser parser = fhir.newJsonParser();
        List<String> texts = new ArrayList<>();
        for (String line : ReferredPatients.syntheaLines(
                resource.equals("Patient") ? "patients.ndjson.gz" : "encounters.ndjson.gz")) {
            IBaseResource read = parser.parseResource(line);
            texts.add(parser.encodeResourceToString(
                    read instanceof Patient patient ? withEvidence(patient, texts.size()) : read));
        }
        json = texts.toArray(String[]::new);
        parsed = texts.stream().map(parser::parseResource).toArray(IBaseResource[]::new);
        for (IBaseResource each : parsed) {
            if (each instanceof Patient patient && evaluator.patientEvidence(patient).isEmpty()) {
                throw new IllegalStateException(profile + " reads no evidence from the benchmark's Patients");
            }
        }
    }

    /** The Synthea Patient with referral evidence where the profile looks for it. */
    private Patient withEvidence(Patient synthea, int index) {
        String code = "k7qm 2xhd";
        return switch (profile) {
            case "vendor-extension" -> {
                Patient patient = synthea.copy();
                patient.addExtension(
                        VENDOR + "StructureDefinition/how-heard",
                        new Coding(VENDOR + "CodeSystem/how-heard", index % 2 == 0 ? "FRND" : "SOC", null));
                patient.addExtension(VENDOR + "StructureDefinition/referred-by", new StringType("Ana Rivera"));
                yield patient;
            }
            case "identifier-code" -> {
                Patient patient = synthea.copy();
                patient.addIdentifier(new Identifier()
                        .setSystem("https://referralbridge.org/fhir/sid/referral-code-given")
                        .setValue(code));
                yield patient;
            }
            default -> ReferredPatients.referred(synthea, index % 2 == 0 ? "friend-family" : "social", code);
        };
    }

    @Benchmark
    public IBaseResource parse() {
        int i = next;
        next = i + 1 == json.length ? 0 : i + 1;
        return fhir.newJsonParser().parseResource(json[i]);
    }

    @Benchmark
    public Object extract() {
        int i = next;
        next = i + 1 == parsed.length ? 0 : i + 1;
        IBaseResource one = parsed[i];
        return one instanceof Encounter ? evaluator.encounterFacts(one) : evaluator.patientEvidence(one);
    }
}
