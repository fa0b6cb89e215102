package org.referralbridge.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One profile expression of a dry run and what it yielded.
 *
 * @param field the profile field, as in the YAML (e.g. {@code patient.referralCode})
 * @param expression the FHIRPath expression
 * @param location where the profile wrote it ({@code file:line path}, e.g. {@code clinic.yaml:12 patient.channel[1]})
 * @param values what it yielded, each as {@code system|value} or the value alone; empty when nothing
 */
public record TraceStep(String field, String expression, String location, List<String> values) {

    public TraceStep {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(location, "location");
        values = List.copyOf(values);
    }
}
