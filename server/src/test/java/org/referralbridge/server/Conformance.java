package org.referralbridge.server;

import ca.uhn.fhir.context.FhirContext;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.conformance.ConformanceValidator;

/** One validator for the whole test run: building it takes seconds. */
public final class Conformance {

    private static ConformanceValidator validator;

    private Conformance() {}

    public static synchronized ConformanceValidator validator(FhirContext fhirContext) {
        if (validator == null) {
            validator = new ConformanceValidator(fhirContext, ConformancePackage.loadFromClasspath(fhirContext));
        }
        return validator;
    }
}
