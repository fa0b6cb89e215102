package org.referralbridge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

@ExtendWith(OutputCaptureExtension.class)
class ApiProblemsTests {

    private final ApiProblems problems = new ApiProblems();

    @Test
    void logsAnUnexpectedFailureByTypeAndPlaceWithoutAnyMessage(CapturedOutput output) {
        RuntimeException failure = new IllegalStateException(
                "row for Jane Doe, born 1970-01-01", new IllegalArgumentException("value 'Doe' out of range"));

        ResponseEntity<Object> response = problems.unexpected(
                failure, new ServletWebRequest(new MockHttpServletRequest("GET", "/api/referrals")));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) response.getBody()).getDetail())
                .isEqualTo("something went wrong on our side; the log has the details");
        assertThat(output.getAll())
                .contains(
                        "Unexpected java.lang.IllegalStateException at org.referralbridge.server.web.ApiProblemsTests",
                        "caused by java.lang.IllegalArgumentException at")
                .doesNotContain("Jane", "Doe", "1970");
    }

    @Test
    void answersAnUnexpectedFailureUnderFhirAsAnOperationOutcome() {
        ResponseEntity<Object> response = problems.unexpected(
                new IllegalStateException("Jane Doe"),
                new ServletWebRequest(new MockHttpServletRequest("PUT", "/fhir/notify/Patient/p1")));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).hasToString("application/fhir+json;charset=UTF-8");
        assertThat((String) response.getBody())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"exception\"")
                .doesNotContain("Jane");
    }
}
