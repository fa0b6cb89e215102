package org.referralbridge.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Patient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.referralbridge.bench.plugin.ReferredPatients;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.mapping.ReferralEvidence;

/**
 * The mapping issue's ratio: extracting the referral evidence of a parsed Patient with the default mapping profile
 * (compiled once, as the service does at start) against parsing that Patient's JSON with HAPI. A realistic Synthea
 * Patient carrying a referral source with a typed code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseAndExtractBenchmark {

    private FhirContext fhir;
    private ProfileEvaluator evaluator;
    private String json;
    private Patient parsed;

    @Setup
    public void setUp() throws IOException {
        fhir = FhirContext.forR4();
        evaluator = new ProfileEvaluator(fhir, new MappingProfiles(fhir).defaultProfile());
        Patient synthea = fhir.newJsonParser().parseResource(Patient.class, ReferredPatients.syntheaJson());
        Patient referred = ReferredPatients.referred(synthea, "friend-family", "k7qm 2xhd");
        referred.setId(synthea.getIdElement().getIdPart());
        json = fhir.newJsonParser().encodeResourceToString(referred);
        parsed = fhir.newJsonParser().parseResource(Patient.class, json);
        if (evaluator.patientEvidence(parsed).isEmpty()) {
            throw new IllegalStateException("the default profile extracts nothing from the benchmark's Patient");
        }
    }

    @Benchmark
    public Patient parse() {
        return fhir.newJsonParser().parseResource(Patient.class, json);
    }

    @Benchmark
    public Optional<ReferralEvidence> extract() {
        return evaluator.patientEvidence(parsed);
    }
}
