package org.referralbridge.fhirplugin.notification;

/**
 * A pushed rest-hook body failed the request-path check. The message says what was wrong and where, never what the
 * body contained.
 */
public final class PushedBodyRejected extends RuntimeException {

    private final BodyProblem problem;

    PushedBodyRejected(BodyProblem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public BodyProblem problem() {
        return problem;
    }

    /** The stable problem code, e.g. {@code RB-2105}. */
    public String code() {
        return problem.code();
    }
}
