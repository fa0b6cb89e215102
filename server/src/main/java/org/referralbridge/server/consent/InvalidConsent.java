package org.referralbridge.server.consent;

import java.util.List;

/** A consent the front desk sent that cannot be recorded; every problem named by its field. */
class InvalidConsent extends RuntimeException {

    record Problem(String field, String message) {}

    private final List<Problem> problems;

    InvalidConsent(List<Problem> problems) {
        super(problems.size() + " problem(s) in a consent");
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
