package org.referralbridge.fhirplugin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.event;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.notification;
import static org.referralbridge.fhirplugin.notification.NotificationBundles.status;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.fhirplugin.testing.TestData;

class NotificationBundleParserTests {

    private static final String ENCOUNTER = "86009987-eabe-42bf-8c02-b112b18cb616";

    private final NotificationBundleParser parser = new NotificationBundleParser(FhirContext.forR4Cached());

    static Stream<Path> backportExamples() throws IOException {
        return files("subscription-notifications/backport-ig-r4");
    }

    static Stream<Path> hapiNotifications() throws IOException {
        return files("subscription-notifications/hapi-8.8.0-topic");
    }

    @ParameterizedTest
    @MethodSource("backportExamples")
    void readsEveryBackportIgExample(Path file) throws IOException {
        SubscriptionNotification notification = parser.parse(Files.readString(file));

        assertThat(notification.subscription()).isEqualTo("https://example.org/fhir/Subscription/admission");
        assertThat(notification.topic()).isEqualTo("http://hl7.org/SubscriptionTopic/admission");
        assertThat(notification.events())
                .allSatisfy(event -> assertThat(event.eventNumber()).isEqualTo(2));
    }

    @ParameterizedTest
    @MethodSource("hapiNotifications")
    void readsEveryHapiNotificationWithFocusAndVersionAsItsKindPromises(Path file) throws IOException {
        String name = file.getFileName().toString();
        String focusType = name.startsWith("hapi-patient") ? "Patient" : "Encounter";

        SubscriptionNotification notification = parser.parse(Files.readString(file));

        assertThat(notification.type()).isEqualTo(NotificationType.EVENT_NOTIFICATION);
        assertThat(notification.subscription()).startsWith("Subscription/" + focusType.toLowerCase() + "-create");
        assertThat(notification.eventsSinceSubscriptionStart()).isPositive();
        assertThat(notification.events()).singleElement().satisfies(event -> {
            assertThat(event.timestamp()).matches("\\d{4}-\\d{2}-\\d{2}");
            if (name.contains("-empty-")) {
                assertThat(event.focus()).isNull();
                assertThat(event.fullResource()).isFalse();
            } else {
                assertThat(event.focus().resourceType()).isEqualTo(focusType);
                assertThat(event.focus().versionId()).isEqualTo("1");
                assertThat(event.fullResource()).isEqualTo(name.contains("-full-resource-"));
            }
            if (event.fullResource()) {
                assertThat(event.resource().fhirType()).isEqualTo(focusType);
                assertThat(event.resource().getIdElement().getIdPart())
                        .isEqualTo(event.focus().id());
            }
        });
    }

    @Test
    void fullResourceNotificationCarriesTheFocusResource() throws IOException {
        SubscriptionNotification notification = parseExample("Bundle-r4-notification-full-resource.json");

        assertThat(notification.type()).isEqualTo(NotificationType.EVENT_NOTIFICATION);
        assertThat(notification.status()).isEqualTo("active");
        assertThat(notification.eventsSinceSubscriptionStart()).isEqualTo(2L);
        NotificationEvent event = notification.events().get(0);
        assertThat(event.focus()).isEqualTo(new ResourceRef("Encounter", ENCOUNTER, null));
        assertThat(event.fullResource()).isTrue();
        assertThat(event.resource())
                .isInstanceOfSatisfying(
                        Encounter.class,
                        encounter -> assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS));
        assertThat(event.timestamp()).isEqualTo("2020-05-29T11:44:13.1882432-05:00");
    }

    @Test
    void idOnlyNotificationNamesTheFocusWithoutCarryingIt() throws IOException {
        NotificationEvent event =
                parseExample("Bundle-r4-notification-id-only.json").events().get(0);

        assertThat(event.focus()).isEqualTo(new ResourceRef("Encounter", ENCOUNTER, null));
        assertThat(event.fullResource()).isFalse();
    }

    @Test
    void emptyNotificationHasAnEventWithoutFocus() throws IOException {
        NotificationEvent event =
                parseExample("Bundle-r4-notification-empty.json").events().get(0);

        assertThat(event.eventNumber()).isEqualTo(2);
        assertThat(event.focus()).isNull();
    }

    @Test
    void multiResourceNotificationListsTheAdditionalContext() throws IOException {
        NotificationEvent event = parseExample("Bundle-r4-notification-multi-resource.json")
                .events()
                .get(0);

        assertThat(event.additionalContext())
                .containsExactly(new ResourceRef("Patient", "1599eb66-431a-447c-a3de-6897fe9ae9a1", null));
        assertThat(event.fullResource()).isTrue();
    }

    @Test
    void handshakeAndHeartbeatHaveNoEvents() throws IOException {
        SubscriptionNotification handshake = parseExample("Bundle-r4-notification-handshake.json");
        SubscriptionNotification heartbeat = parseExample("Bundle-r4-notification-heartbeat.json");

        assertThat(handshake.type()).isEqualTo(NotificationType.HANDSHAKE);
        assertThat(handshake.status()).isEqualTo("requested");
        assertThat(handshake.eventsSinceSubscriptionStart()).isZero();
        assertThat(heartbeat.type()).isEqualTo(NotificationType.HEARTBEAT);
        assertThat(handshake.events()).isEmpty();
        assertThat(heartbeat.events()).isEmpty();
    }

    @Test
    void errorNotificationReportsTheErrorCodes() throws IOException {
        SubscriptionNotification notification = parseExample("Bundle-r4-notification-error.json");

        assertThat(notification.type()).isEqualTo(NotificationType.QUERY_STATUS);
        assertThat(notification.status()).isEqualTo("error");
        assertThat(notification.errors()).containsExactly("no-response");
    }

    @Test
    void readsABareSubscriptionStatus() throws IOException {
        SubscriptionNotification notification = parseExample("Parameters-r4-notification-status.json");

        assertThat(notification.type()).isEqualTo(NotificationType.EVENT_NOTIFICATION);
        assertThat(notification.events())
                .singleElement()
                .satisfies(event -> assertThat(event.focus()).isNull());
    }

    @Test
    void resolvesAFocusGivenAsTheUrnOfAnEntry() {
        Parameters status = status("event-notification");
        event(status, "7")
                .addPart()
                .setName("focus")
                .setValue(new Reference("urn:uuid:5b5e4c1e-0000-4000-8000-000000000001"));
        Bundle bundle = notification(status);
        bundle.addEntry()
                .setFullUrl("urn:uuid:5b5e4c1e-0000-4000-8000-000000000001")
                .setResource(new Patient().setId("p9"));

        NotificationEvent event = parser.parse(bundle).events().get(0);

        assertThat(event.focus()).isEqualTo(new ResourceRef("Patient", "p9", null));
        assertThat(event.fullResource()).isTrue();
    }

    @Test
    void rejectsTextThatIsNoFhirJson() {
        assertThatThrownBy(() -> parser.parse("{\"name\": \"Jane Doe\""))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("notification is not a FHIR R4 JSON resource");
    }

    @Test
    void rejectsAResourceThatIsNoBundle() {
        assertThatThrownBy(() -> parser.parse(new Patient()))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("notification is a Patient, expected a Bundle");
    }

    @Test
    void rejectsABundleThatIsNoHistory() {
        Bundle searchset = notification(status("event-notification")).setType(Bundle.BundleType.SEARCHSET);

        assertThatThrownBy(() -> parser.parse(searchset))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("notification Bundle.type is searchset, expected history");
    }

    @Test
    void rejectsABundleWhoseFirstEntryIsNoSubscriptionStatus() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.addEntry().setResource(new Patient());

        assertThatThrownBy(() -> parser.parse(bundle))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("first entry of the notification Bundle is not a SubscriptionStatus Parameters");
    }

    @Test
    void rejectsAStatusWithoutType() {
        assertThatThrownBy(() -> parser.parse(notification(status(null))))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("SubscriptionStatus has no type");
    }

    @Test
    void rejectsAnUnknownNotificationType() {
        assertThatThrownBy(() -> parser.parse(notification(status("party"))))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("SubscriptionStatus type is not a notification type");
    }

    @Test
    void rejectsAStatusWithoutSubscription() {
        Parameters status = status("heartbeat");
        status.getParameter().removeIf(parameter -> parameter.getName().equals("subscription"));

        assertThatThrownBy(() -> parser.parse(notification(status)))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("SubscriptionStatus has no subscription reference");
    }

    @Test
    void rejectsAnEventWithoutEventNumber() {
        Parameters status = status("event-notification");
        event(status, null).addPart().setName("focus").setValue(new Reference("Patient/p1"));

        assertThatThrownBy(() -> parser.parse(notification(status)))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("notification-event has no event-number");
    }

    @Test
    void rejectsAnEventCounterThatIsNoNumber() {
        Parameters status = status("heartbeat");
        status.addParameter().setName("events-since-subscription-start").setValue(new StringType("many"));

        assertThatThrownBy(() -> parser.parse(notification(status)))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("events-since-subscription-start is not a whole number");
    }

    @Test
    void rejectsAFocusThatIsNoReference() {
        Parameters status = status("event-notification");
        event(status, "1").addPart().setName("focus").setValue(new StringType("Patient/p1"));

        assertThatThrownBy(() -> parser.parse(notification(status)))
                .isInstanceOf(MalformedNotification.class)
                .hasMessage("focus is not a reference");
    }

    private SubscriptionNotification parseExample(String name) throws IOException {
        Path file = TestData.path("subscription-notifications/backport-ig-r4").resolve(name);
        return parser.parse(Files.readString(file));
    }

    private static Stream<Path> files(String folder) throws IOException {
        try (Stream<Path> listing = Files.list(TestData.path(folder))) {
            return listing.filter(path -> path.toString().endsWith(".json")).sorted().toList().stream();
        }
    }
}
