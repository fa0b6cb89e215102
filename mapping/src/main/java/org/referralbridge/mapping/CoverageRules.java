package org.referralbridge.mapping;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The compiled coverage section of a profile. */
final class CoverageRules {

    private final MappingProfile.Coverage section;
    private final CompiledPaths beneficiary;
    private final CompiledPaths status;
    private final CompiledPaths periodStart;
    private final CompiledPaths periodEnd;
    private final CompiledPaths state;
    private final CompiledPaths payerCodes;

    CoverageRules(IFhirPath fhirPath, String profileName, MappingProfile.Coverage section) {
        this.section = section;
        this.beneficiary = CompiledPaths.compile(fhirPath, profileName, section.beneficiary());
        this.status = CompiledPaths.compile(fhirPath, profileName, section.status());
        this.periodStart = CompiledPaths.compile(fhirPath, profileName, section.periodStart());
        this.periodEnd = CompiledPaths.compile(fhirPath, profileName, section.periodEnd());
        this.state = CompiledPaths.compile(fhirPath, profileName, section.state());
        this.payerCodes = CompiledPaths.compile(fhirPath, profileName, section.payerCodes());
    }

    CoverageFacts facts(IBaseResource coverage, String coverageId) {
        return new CoverageFacts(
                coverageId,
                beneficiary.first(coverage, FhirReferences::patientId),
                status.firstText(coverage),
                federalPrograms(payerCodes.allValues(coverage)),
                state.first(coverage, value -> UsStates.code(value.value())),
                periodStart.first(coverage, value -> FhirDateTimes.parse(value.value())),
                periodEnd.first(coverage, value -> FhirDateTimes.parse(value.value())));
    }

    /** What every expression of the section yields on the Coverage, in the order of the fields. */
    List<TraceStep> trace(IBaseResource coverage) {
        List<TraceStep> steps = new ArrayList<>();
        for (CompiledPaths paths : List.of(beneficiary, status, payerCodes, state, periodStart, periodEnd)) {
            steps.addAll(paths.trace(coverage));
        }
        return steps;
    }

    /** Every program one of whose patterns matches any payer code: a dual-eligible plan is both. */
    private Set<FederalProgram> federalPrograms(List<Datum> codes) {
        Set<FederalProgram> programs = EnumSet.noneOf(FederalProgram.class);
        for (Map.Entry<FederalProgram, List<PayerCodePattern>> program :
                section.federalPrograms().entrySet()) {
            boolean matches = codes.stream()
                    .anyMatch(code -> program.getValue().stream().anyMatch(pattern -> pattern.matches(code)));
            if (matches) {
                programs.add(program.getKey());
            }
        }
        return programs;
    }
}
