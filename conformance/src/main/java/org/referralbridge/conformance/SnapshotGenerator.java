package org.referralbridge.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * Turns the package's differential-only StructureDefinitions into complete ones. The package is hand-written with
 * differentials only; validators, servers and editors need the snapshot, so HAPI derives it once, at load time,
 * from the R4 core definitions.
 *
 * <p>It calls HAPI's snapshot generator ({@link ProfileUtilities}) directly rather than through
 * {@code SnapshotGeneratingValidationSupport}, because that one drops the generator's messages: we want a
 * differential with a wrong path to stop the load, not to yield a quietly incomplete snapshot. (Validating the
 * StructureDefinitions themselves is no substitute: HAPI 8.8.0 then goes online, see {@link ConformanceValidator}.)
 */
final class SnapshotGenerator {

    private final FhirContext ctx;
    private final VersionCanonicalizer canonicalizer;

    SnapshotGenerator(FhirContext ctx) {
        this.ctx = ctx;
        this.canonicalizer = new VersionCanonicalizer(ctx);
    }

    /** Returns copies of {@code differentials} with a generated snapshot; the arguments are left untouched. */
    List<StructureDefinition> withSnapshots(List<StructureDefinition> differentials) {
        // Our own definitions are in the context too, so that one of them may build on another.
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        differentials.forEach(ours::addStructureDefinition);
        IWorkerContext worker = WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(
                new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours));
        return differentials.stream()
                .map(differential -> generate(worker, differential))
                .toList();
    }

    private StructureDefinition generate(IWorkerContext worker, StructureDefinition differential) {
        String url = differential.getUrl();
        org.hl7.fhir.r5.model.StructureDefinition input =
                canonicalizer.structureDefinitionToCanonical(differential.copy());
        input.setSnapshot(null);
        org.hl7.fhir.r5.model.StructureDefinition base =
                worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, input.getBaseDefinition());
        if (base == null) {
            throw new InvalidConformancePackage(url + " builds on " + input.getBaseDefinition() + ", which is unknown");
        }
        List<ValidationMessage> messages = new ArrayList<>();
        try {
            new ProfileUtilities(worker, messages, new ProfileKnowledgeWorkerR5(ctx))
                    .generateSnapshot(base, input, url, Canonicals.BASE, input.getName());
        } catch (RuntimeException e) {
            throw new InvalidConformancePackage(
                    "HAPI could not generate a snapshot for " + url + ": " + e.getMessage(), e);
        }
        List<ValidationMessage> errors =
                messages.stream().filter(ValidationMessage::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidConformancePackage("The differential of " + url + " is wrong:"
                    + errors.stream()
                            .map(error ->
                                    System.lineSeparator() + "  " + error.getLocation() + ": " + error.getMessage())
                            .collect(Collectors.joining()));
        }
        if (!input.hasSnapshot()) {
            throw new InvalidConformancePackage("HAPI generated no snapshot for " + url);
        }
        return (StructureDefinition) canonicalizer.structureDefinitionFromCanonical(input);
    }
}
