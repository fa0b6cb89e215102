package org.referralbridge.conformance;

import ca.uhn.fhir.context.FhirContext;

/**
 * The package and its validator, built once per test JVM and shared by the test classes: building them takes
 * seconds, and both are immutable and thread-safe.
 */
final class Conformance {

    static final FhirContext CTX = FhirContext.forR4Cached();

    private Conformance() {}

    static ConformancePackage pkg() {
        return Shared.PACKAGE;
    }

    static ConformanceValidator validator() {
        return Shared.VALIDATOR;
    }

    /** Holder idiom: built on first use, once, thread-safely. */
    private static final class Shared {
        static final ConformancePackage PACKAGE = ConformancePackage.loadFromClasspath(CTX);
        static final ConformanceValidator VALIDATOR = new ConformanceValidator(CTX, PACKAGE);
    }
}
