package org.referralbridge.fhirplugin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.event;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.notification;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.status;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PushedBundleCheckTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final PushedBundleCheck check = new PushedBundleCheck(FHIR.getResourceTypes()::contains);
    private final NotificationBundleParser parser = new NotificationBundleParser(FHIR);

    @Test
    void keepsOfAFullResourceNotificationOnlyIdsVersionsAndEventNumbers() {
        Parameters status = status("event-notification");
        event(status, "3").addPart().setName("focus").setValue(new Reference("Patient/p1").setDisplay("Jane Doe"));
        Bundle bundle = notification(status);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.getMeta().setVersionId("2");
        patient.addName().setFamily("Doe").addGiven("Jane");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-01"));
        bundle.addEntry().setFullUrl("https://ehr.example/fhir/Patient/p1").setResource(patient);

        String reduced = check.reduce(bytes(FHIR.newJsonParser().encodeResourceToString(bundle)));

        assertThat(reduced).doesNotContain("Jane", "Doe", "1970");
        SubscriptionNotification notification = parser.parse(reduced);
        assertThat(notification.subscription()).isEqualTo("Subscription/s1");
        assertThat(notification.type()).isEqualTo(NotificationType.EVENT_NOTIFICATION);
        assertThat(notification.events()).singleElement().satisfies(event -> {
            assertThat(event.eventNumber()).isEqualTo(3);
            assertThat(event.focus()).isEqualTo(new ResourceRef("Patient", "p1", "2"));
        });
    }

    @Test
    void keepsWhatResolvesAFocusGivenAsAnEntrysUrnAndTheErrorCodes() {
        Parameters status = status("event-notification");
        status.addParameter()
                .setName("error")
                .setValue(new CodeableConcept(new Coding("http://example.org/errors", "timeout", "Timed out")));
        event(status, "5").addPart().setName("focus").setValue(new Reference("urn:uuid:9d3f"));
        Bundle bundle = notification(status);
        Encounter encounter = new Encounter();
        encounter.setId("e1");
        encounter.getMeta().setVersionId("4");
        encounter.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Jane's visit</div>");
        bundle.addEntry().setFullUrl("urn:uuid:9d3f").setResource(encounter);

        String reduced = check.reduce(bytes(FHIR.newJsonParser().encodeResourceToString(bundle)));

        assertThat(reduced).doesNotContain("Jane", "Timed out");
        SubscriptionNotification notification = parser.parse(reduced);
        assertThat(notification.errors()).containsExactly("timeout");
        assertThat(notification.events().get(0).focus()).isEqualTo(new ResourceRef("Encounter", "e1", "4"));
    }

    @Test
    void acceptsTheR5BundleTypeAndReducesItToAHistoryBundle() {
        String body = "{\"resourceType\":\"Bundle\",\"type\":\"subscription-notification\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subscription\",\"valueReference\":"
                + "{\"reference\":\"Subscription/s9\"}},{\"name\":\"type\",\"valueCode\":\"heartbeat\"}]}}]}";

        SubscriptionNotification notification = parser.parse(check.reduce(bytes(body)));

        assertThat(notification.type()).isEqualTo(NotificationType.HEARTBEAT);
        assertThat(notification.subscription()).isEqualTo("Subscription/s9");
    }

    @Test
    void rejectsBundlesThatAreNoNotification() {
        for (String type : new String[] {"document", "collection", "transaction", "searchset"}) {
            assertRejected(
                    bundle("\"type\":\"" + type + "\",\"entry\":[" + STATUS + "]"),
                    BodyProblem.WRONG_BUNDLE_TYPE,
                    "Bundle.type is " + type + ", expected history or subscription-notification");
        }
        assertRejected(
                bundle("\"entry\":[" + STATUS + "]"),
                BodyProblem.WRONG_BUNDLE_TYPE,
                "Bundle.type is missing, expected history or subscription-notification");
        assertRejected(
                bundle("\"type\":\"Jane Doe 555\",\"entry\":[" + STATUS + "]"),
                BodyProblem.WRONG_BUNDLE_TYPE,
                "Bundle.type is not a Bundle type code, expected history or subscription-notification");
    }

    @Test
    void rejectsAnEntryThatIsNoArrayOfObjects() {
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":\"Jane Doe\""),
                BodyProblem.MALFORMED_ENTRY,
                "Bundle.entry is not an array of objects");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[" + STATUS + ",\"Jane Doe\"]"),
                BodyProblem.MALFORMED_ENTRY,
                "Bundle.entry[1] is not a JSON object");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[" + STATUS + ",{\"resource\":\"Jane Doe\"}]"),
                BodyProblem.MALFORMED_ENTRY,
                "Bundle.entry[1].resource is not a JSON object");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[" + STATUS + ",{\"resource\":{\"name\":\"Jane Doe\"}}]"),
                BodyProblem.MALFORMED_ENTRY,
                "Bundle.entry[1].resource has no resourceType");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[" + STATUS + ",{\"resource\":{\"resourceType\":\"Doe\"}}]"),
                BodyProblem.MALFORMED_ENTRY,
                "Bundle.entry[1].resource has a resourceType that is no FHIR R4 type");
    }

    @Test
    void rejectsANotificationWithoutSubscriptionStatus() {
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[]"),
                BodyProblem.NO_SUBSCRIPTION_STATUS,
                "Bundle has no entry: a notification's first entry is its SubscriptionStatus Parameters");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]"),
                BodyProblem.NO_SUBSCRIPTION_STATUS,
                "first entry of the notification Bundle is not a SubscriptionStatus Parameters");
    }

    @Test
    void rejectsDuplicateKeysNamingTheKey() {
        assertRejected(
                bytes("{\"resourceType\":\"Bundle\",\"resourceType\":\"Bundle\",\"type\":\"history\"}"),
                BodyProblem.DUPLICATE_KEY,
                "body has the key resourceType twice in one object at line 1, column 40");
        assertRejected(
                bundle("\"type\":\"history\",\"entry\":[" + STATUS
                        + ",{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}}]"),
                BodyProblem.DUPLICATE_KEY,
                "body has the key id twice in one object at line 1, column 273");
    }

    @Test
    void rejectsABodyThatIsNoUtf8() {
        byte[] latin1 = "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"id\":\"Jos\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRejected(latin1, BodyProblem.NOT_UTF8, "body is not valid UTF-8 (FHIR JSON must be UTF-8)");
    }

    @Test
    void rejectsOtherResourcesAndMalformedJson() {
        assertRejected(
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Doe\"}]}"),
                BodyProblem.WRONG_RESOURCE_TYPE,
                "resourceType is not Bundle: a notification is a Bundle");
        assertRejected(bytes("[\"Jane Doe\"]"), BodyProblem.NOT_AN_OBJECT, "body is not a JSON object");
        assertRejected(
                bytes("{\"resourceType\":\"Bundle\",\"type\":\"history\""),
                BodyProblem.MALFORMED_JSON,
                "body is not valid JSON: it ends early at line 1, column 42");
        assertRejected(new byte[0], BodyProblem.EMPTY, "body is empty");
    }

    private static final String STATUS = "{\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":"
            + "\"subscription\",\"valueReference\":{\"reference\":\"Subscription/s1\"}},"
            + "{\"name\":\"type\",\"valueCode\":\"heartbeat\"}]}}";

    private static byte[] bundle(String fields) {
        return bytes("{\"resourceType\":\"Bundle\"," + fields + "}");
    }

    private void assertRejected(byte[] body, BodyProblem problem, String message) {
        assertThatThrownBy(() -> check.reduce(body))
                .isInstanceOfSatisfying(
                        PushedBodyRejected.class,
                        rejected -> assertThat(rejected.problem()).isEqualTo(problem))
                .hasMessage(message)
                .message()
                .doesNotContain("Jane", "Doe", "555", "Jos");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
