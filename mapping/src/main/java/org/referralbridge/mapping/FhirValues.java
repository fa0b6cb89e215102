package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/** Reduces what a FHIRPath expression returned to {@link Datum}s; other kinds of element give nothing. */
final class FhirValues {

    private FhirValues() {}

    static List<Datum> of(List<IBase> results) {
        List<Datum> values = new ArrayList<>();
        for (IBase result : results) {
            add(result, values);
        }
        return values;
    }

    private static void add(IBase result, List<Datum> values) {
        // Class tests before the interface test: the kinds are disjoint, and on Java 17 an interface test that fails
        // (a Coding is no IPrimitiveType) scans every interface of the class each time.
        if (result instanceof PrimitiveType<?> primitive) {
            addIfPresent(null, primitive.getValueAsString(), values);
        } else if (result instanceof Coding coding) {
            addIfPresent(coding.getSystem(), coding.getCode(), values);
        } else if (result instanceof CodeableConcept concept) {
            concept.getCoding().forEach(coding -> addIfPresent(coding.getSystem(), coding.getCode(), values));
            addIfPresent(null, concept.getText(), values);
        } else if (result instanceof Identifier identifier) {
            addIfPresent(identifier.getSystem(), identifier.getValue(), values);
        } else if (result instanceof Reference reference) {
            addIfPresent(reference.getType(), reference.getReference(), values);
        } else if (result instanceof Extension extension) {
            if (extension.getValue() != null) {
                add(extension.getValue(), values);
            }
        } else if (result instanceof IPrimitiveType<?> primitive) {
            addIfPresent(null, primitive.getValueAsString(), values);
        }
    }

    private static void addIfPresent(String system, String value, List<Datum> values) {
        if (value != null && !value.isBlank()) {
            values.add(new Datum(system == null || system.isBlank() ? null : system, value.strip()));
        }
    }
}
