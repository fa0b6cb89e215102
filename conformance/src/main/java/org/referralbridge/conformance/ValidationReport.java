package org.referralbridge.conformance;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the validator found in one resource. Messages may quote values from the resource, so treat a report like the
 * resource itself when logging (no PHI in logs).
 *
 * @param issues every issue, in the validator's order
 */
public record ValidationReport(List<Issue> issues) {

    /** How bad an issue is, from FHIR's OperationOutcome.issue.severity. */
    public enum Severity {
        FATAL,
        ERROR,
        WARNING,
        INFORMATION;

        /** Fatal and error issues make a resource invalid; warnings and information do not. */
        public boolean isError() {
            return this == FATAL || this == ERROR;
        }
    }

    /**
     * One finding.
     *
     * @param severity how bad it is
     * @param location the FHIRPath-like location of the element, e.g. {@code Patient.extension[0].extension[1]}, or
     *     the resource type when the issue is about the whole resource
     * @param message the validator's explanation
     */
    public record Issue(Severity severity, String location, String message) {

        public Issue {
            Objects.requireNonNull(severity, "severity");
            location = location == null || location.isBlank() ? "(resource)" : location;
            message = message == null ? "" : message;
        }

        /** One line: {@code ERROR Patient.extension[0]...: message}. */
        @Override
        public String toString() {
            return severity + " " + location + ": " + message;
        }
    }

    public ValidationReport {
        issues = List.copyOf(issues);
    }

    /** True when no issue is an error or fatal; warnings and information are allowed. */
    public boolean isValid() {
        return issues.stream().noneMatch(issue -> issue.severity().isError());
    }

    /** The fatal and error issues. */
    public List<Issue> errors() {
        return issues.stream().filter(issue -> issue.severity().isError()).toList();
    }

    /** One line per issue, or {@code "no issues"}. */
    public String summary() {
        return issues.isEmpty()
                ? "no issues"
                : issues.stream().map(Issue::toString).collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public String toString() {
        return summary();
    }
}
