package org.referralbridge.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.junit.jupiter.api.Test;

class FailureTextTests {

    @Test
    void keepsTheMessagesOfThisProjectsExceptions() {
        assertThat(FailureText.of(new RetryLater("EHR unavailable reading Patient/1: HTTP 503", null, null)))
                .isEqualTo("RetryLater: EHR unavailable reading Patient/1: HTTP 503");
    }

    @Test
    void namesOnlyTheTypeOfAnyoneElsesException() {
        assertThat(FailureText.of(new IllegalArgumentException("bad birthDate 1970-01-01 for Jane Doe")))
                .isEqualTo("IllegalArgumentException");
        assertThat(FailureText.of(new StackOverflowError())).isEqualTo("StackOverflowError");
    }

    @Test
    void addsTheHttpStatusAFhirExceptionCarries() {
        assertThat(FailureText.of(new ResourceVersionConflictException("Patient Jane Doe changed")))
                .isEqualTo("ResourceVersionConflictException (HTTP 409)");
    }
}
