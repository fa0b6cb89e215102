package org.referralbridge.mapping;

import ca.uhn.fhir.context.FhirContext;

/** The one FhirContext and profile loader the tests share, as the application shares its own. */
final class Fhir {

    static final FhirContext CONTEXT = FhirContext.forR4Cached();
    static final MappingProfiles PROFILES = new MappingProfiles(CONTEXT);

    private Fhir() {}

    static ProfileEvaluator evaluator(String yaml) {
        return new ProfileEvaluator(CONTEXT, PROFILES.load(yaml, "test.yaml"));
    }

    static ProfileEvaluator defaultEvaluator() {
        return new ProfileEvaluator(CONTEXT, PROFILES.defaultProfile());
    }
}
