package org.referralbridge.mapping;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The FHIRPath alternatives of one profile field, parsed once. Evaluation only reads the parsed expressions, so one
 * instance serves many threads. An alternative that is a plain dotted path of element names is walked directly
 * ({@link ElementPath}), with the engine's result; every other expression goes through the FHIRPath engine.
 */
final class CompiledPaths {

    /** @param direct the same expression as an element walk, when it is a plain path */
    private record Compiled(
            IFhirPath.IParsedExpression parsed, Optional<ElementPath> direct, MappingProfile.Expression source) {}

    private final IFhirPath fhirPath;
    private final String profileName;
    private final List<Compiled> alternatives;

    private CompiledPaths(IFhirPath fhirPath, String profileName, List<Compiled> alternatives) {
        this.fhirPath = fhirPath;
        this.profileName = profileName;
        this.alternatives = List.copyOf(alternatives);
    }

    static CompiledPaths compile(IFhirPath fhirPath, String profileName, MappingProfile.FhirPaths paths) {
        List<Compiled> compiled = new ArrayList<>();
        for (MappingProfile.Expression expression : paths.alternatives()) {
            try {
                compiled.add(new Compiled(
                        fhirPath.parse(expression.fhirPath()), ElementPath.of(expression.fhirPath()), expression));
            } catch (Exception e) {
                // MappingProfiles parsed every expression already; reaching this means a different engine.
                throw new IllegalStateException(
                        "Mapping profile '%s': expression at %s does not compile: %s"
                                .formatted(profileName, expression.location(), e.getMessage()),
                        e);
            }
        }
        return new CompiledPaths(fhirPath, profileName, compiled);
    }

    /** The values of the first alternative that yields any. */
    List<Datum> firstValues(IBaseResource resource) {
        for (Compiled alternative : alternatives) {
            List<Datum> values = evaluate(resource, alternative);
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    /** The first value, over the alternatives in order, that the reader can make sense of. */
    <T> Optional<T> first(IBaseResource resource, Function<Datum, Optional<T>> reader) {
        for (Compiled alternative : alternatives) {
            for (Datum value : evaluate(resource, alternative)) {
                Optional<T> read = reader.apply(value);
                if (read.isPresent()) {
                    return read;
                }
            }
        }
        return Optional.empty();
    }

    Optional<String> firstText(IBaseResource resource) {
        return first(resource, value -> Optional.of(value.value()));
    }

    /** The first element, over the alternatives in order, that the reader can make sense of. */
    <T> Optional<T> firstElement(IBaseResource resource, Function<IBase, Optional<T>> reader) {
        for (Compiled alternative : alternatives) {
            for (IBase element : evaluateRaw(resource, alternative)) {
                Optional<T> read = reader.apply(element);
                if (read.isPresent()) {
                    return read;
                }
            }
        }
        return Optional.empty();
    }

    boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /** Every alternative with what it yields on this resource, for a dry run; evaluates all of them. */
    List<TraceStep> trace(IBaseResource resource) {
        List<TraceStep> steps = new ArrayList<>();
        for (Compiled alternative : alternatives) {
            List<String> values;
            try {
                values = evaluate(resource, alternative).stream()
                        .map(Datum::toString)
                        .toList();
            } catch (MappingEvaluationFailed e) {
                values = List.of(); // the dry run notes the failure when it evaluates the field itself
            }
            steps.add(new TraceStep(
                    fieldOf(alternative.source()),
                    alternative.source().fhirPath(),
                    alternative.source().location(),
                    values));
        }
        return steps;
    }

    /** {@code patient.channel} from a location such as {@code clinic.yaml:12 patient.channel[1]}. */
    private static String fieldOf(MappingProfile.Expression expression) {
        String location = expression.location();
        String path = location.substring(location.lastIndexOf(' ') + 1);
        int index = path.indexOf('[');
        return index < 0 ? path : path.substring(0, index);
    }

    /** The values of every alternative together. */
    List<Datum> allValues(IBaseResource resource) {
        List<Datum> values = new ArrayList<>();
        for (Compiled alternative : alternatives) {
            values.addAll(evaluate(resource, alternative));
        }
        return values;
    }

    private List<Datum> evaluate(IBaseResource resource, Compiled alternative) {
        return FhirValues.of(evaluateRaw(resource, alternative));
    }

    private List<IBase> evaluateRaw(IBaseResource resource, Compiled alternative) {
        try {
            if (alternative.direct().isPresent() && ElementPath.reads(resource)) {
                return alternative.direct().get().evaluate(resource);
            }
            return fhirPath.evaluate(resource, alternative.parsed(), IBase.class);
        } catch (RuntimeException e) {
            // Not e.getMessage(): the engine may quote the resource's values, which can be PHI.
            throw new MappingEvaluationFailed("Mapping profile '%s': the expression at %s failed on %s/%s (%s)"
                    .formatted(
                            profileName,
                            alternative.source().location(),
                            resource.fhirType(),
                            resource.getIdElement().getIdPart(),
                            e.getClass().getSimpleName()));
        }
    }
}
