package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;

/**
 * The package's CapabilityStatement says what the service does: the notifications it takes are exactly the types it
 * watches, and as a client it names every type it subscribes to and the ones it writes; and it validates.
 */
class CapabilityStatementTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theNotificationsItTakesAreTheTypesTheServiceWatches() throws IOException {
        CapabilityStatement statement = statement();

        assertThat(statement.getRest().get(0).getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .containsExactlyInAnyOrderElementsOf(NotificationController.WATCHED_TYPES);
        assertThat(statement.getRest().get(1).getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .containsAll(CatchUpPoller.TYPES)
                .contains("MeasureReport", "QuestionnaireResponse", "Communication", "Basic", "Task", "Subscription");
        assertThat(EhrSubscriptions.CRITERIA)
                .extracting(criteria -> criteria.substring(0, criteria.indexOf('?')))
                .containsExactlyInAnyOrderElementsOf(NotificationController.WATCHED_TYPES);
    }

    @Test
    void itValidates() throws IOException {
        ValidationReport report;
        try (InputStream json = resource()) {
            report = Conformance.validator(FHIR).validate(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(report.errors()).as(report.summary()).isEmpty();
    }

    private static CapabilityStatement statement() throws IOException {
        try (InputStream json = resource()) {
            return FHIR.newJsonParser().parseResource(CapabilityStatement.class, json);
        }
    }

    private static InputStream resource() {
        InputStream json = CapabilityStatementTests.class.getResourceAsStream(
                "/fhir/package/CapabilityStatement-referral-bridge.json");
        assertThat(json).as("the conformance package's CapabilityStatement").isNotNull();
        return json;
    }
}
