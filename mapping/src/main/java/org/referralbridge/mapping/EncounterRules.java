package org.referralbridge.mapping;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The compiled encounter section of a profile. */
final class EncounterRules {

    private final MappingProfile.Encounter section;
    private final CompiledPaths patient;
    private final CompiledPaths status;
    private final CompiledPaths classCode;
    private final CompiledPaths serviceLine;
    private final CompiledPaths periodStart;
    private final CompiledPaths periodEnd;

    EncounterRules(IFhirPath fhirPath, String profileName, MappingProfile.Encounter section) {
        this.section = section;
        this.patient = CompiledPaths.compile(fhirPath, profileName, section.patient());
        this.status = CompiledPaths.compile(fhirPath, profileName, section.status());
        this.classCode = CompiledPaths.compile(fhirPath, profileName, section.classCode());
        this.serviceLine = CompiledPaths.compile(fhirPath, profileName, section.serviceLine());
        this.periodStart = CompiledPaths.compile(fhirPath, profileName, section.periodStart());
        this.periodEnd = CompiledPaths.compile(fhirPath, profileName, section.periodEnd());
    }

    EncounterFacts facts(IBaseResource encounter, String encounterId) {
        List<Datum> serviceLines = serviceLine.firstValues(encounter);
        return new EncounterFacts(
                encounterId,
                patient.first(encounter, FhirReferences::patientId),
                status.firstText(encounter),
                classCode.firstText(encounter),
                serviceLineOf(serviceLines),
                periodStart.first(encounter, value -> FhirDateTimes.parse(value.value())),
                periodEnd.first(encounter, value -> FhirDateTimes.parse(value.value())),
                unmapped(serviceLines));
    }

    /** What every expression of the section yields on the Encounter, in the order of the fields. */
    List<TraceStep> trace(IBaseResource encounter) {
        List<TraceStep> steps = new ArrayList<>();
        for (CompiledPaths paths : List.of(patient, status, classCode, serviceLine, periodStart, periodEnd)) {
            steps.addAll(paths.trace(encounter));
        }
        return steps;
    }

    /** With a map and no value it knows, every value found; else none. */
    private List<Datum> unmapped(List<Datum> values) {
        if (section.serviceLineMap().isEmpty()
                || values.stream()
                        .anyMatch(
                                value -> section.serviceLineMap().lookup(value).isPresent())) {
            return List.of();
        }
        return values;
    }

    /** Without a map the first code passes through; with one, the first mapped code, else the default. */
    private Optional<String> serviceLineOf(List<Datum> values) {
        if (section.serviceLineMap().isEmpty()) {
            return values.isEmpty()
                    ? Optional.empty()
                    : Optional.of(values.get(0).value());
        }
        return values.stream()
                .map(value -> section.serviceLineMap().lookup(value))
                .flatMap(Optional::stream)
                .findFirst()
                .or(section::serviceLineDefault);
    }
}
