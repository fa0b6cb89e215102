package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ValidationReport.Issue;
import org.referralbridge.conformance.ValidationReport.Severity;

class ValidationReportTests {

    private static final Issue ERROR = new Issue(Severity.ERROR, "Patient.extension[0]", "channel is missing");
    private static final Issue FATAL = new Issue(Severity.FATAL, "(input)", "not JSON");
    private static final Issue WARNING = new Issue(Severity.WARNING, "Patient", "no narrative");
    private static final Issue INFO = new Issue(Severity.INFORMATION, "Patient.extension[0]", "unknown slice");

    @Test
    void isValidWhenOnlyWarningsAndInformationWereFound() {
        ValidationReport report = new ValidationReport(List.of(WARNING, INFO));

        assertThat(report.isValid()).isTrue();
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void isInvalidWhenAnErrorOrFatalIssueWasFound() {
        assertThat(new ValidationReport(List.of(WARNING, ERROR)).isValid()).isFalse();
        assertThat(new ValidationReport(List.of(FATAL)).isValid()).isFalse();
    }

    @Test
    void errorsAreTheFatalAndErrorIssuesInOrder() {
        ValidationReport report = new ValidationReport(List.of(FATAL, WARNING, ERROR, INFO));

        assertThat(report.errors()).containsExactly(FATAL, ERROR);
    }

    @Test
    void summaryHasOneLinePerIssueWithSeverityLocationAndMessage() {
        ValidationReport report = new ValidationReport(List.of(ERROR, WARNING));

        assertThat(report.summary().lines())
                .containsExactly("ERROR Patient.extension[0]: channel is missing", "WARNING Patient: no narrative");
        assertThat(report).hasToString(report.summary());
    }

    @Test
    void summarySaysSoWhenThereAreNoIssues() {
        assertThat(new ValidationReport(List.of()).summary()).isEqualTo("no issues");
    }

    @Test
    void anIssueWithoutLocationIsAboutTheWholeResource() {
        assertThat(new Issue(Severity.WARNING, null, "x").location()).isEqualTo("(resource)");
        assertThat(new Issue(Severity.WARNING, " ", "x").location()).isEqualTo("(resource)");
    }

    @Test
    void keepsItsOwnCopyOfTheIssues() {
        List<Issue> issues = new ArrayList<>(List.of(WARNING));
        ValidationReport report = new ValidationReport(issues);

        issues.add(ERROR);

        assertThat(report.issues()).containsExactly(WARNING);
        assertThatThrownBy(() -> report.issues().add(ERROR)).isInstanceOf(UnsupportedOperationException.class);
    }
}
