package org.referralbridge.mapping;

/**
 * A profile expression failed while it was evaluated on a resource: the profile does not fit the EHR's data.
 *
 * <p>The message names the profile, the expression's place in the YAML, the resource type and id, and the kind of
 * failure; deliberately not the engine's own message, which may quote values from the resource (PHI).
 */
public class MappingEvaluationFailed extends RuntimeException {

    MappingEvaluationFailed(String message) {
        super(message);
    }
}
