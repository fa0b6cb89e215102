package org.referralbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Everything the application logs (a Logback appender on the root logger) through the notification path (patients with distinctive
 * fictional PHI created in the sandbox EHR, an advocate enrolled, a referral linked and written back) and its fault
 * paths (a malformed notification, a mistyped referral code, an unknown patient, refused requests whose bodies carry
 * PHI), holds none of that PHI, the notification secret or an Authorization header's value.
 */
@IntegrationTest
class LogsHoldNoPhiIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "test-admin-password";
    private static final String AUTHORIZATION =
            Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** Fictional people no log line could name by chance. */
    private static final Person ADVOCATE = new Person(
            "Quillfeather",
            "Zephyrine",
            "1938-07-14",
            "555-0142-9187",
            "zephyrine.q@example.org",
            "4172 Marmalade Heron Lane");

    private static final Person REFERRED = new Person(
            "Wobblesworth",
            "Thaddeus",
            "1951-11-23",
            "555-0199-3461",
            "t.wobblesworth@example.net",
            "88 Periwinkle Gorge Road");

    private static final Person MISTYPED = new Person(
            "Ferreira-Okonkwo",
            "Isolde",
            "1966-03-09",
            "555-0177-5520",
            "isolde.fo@example.com",
            "9 Saltmarsh Lantern Close");

    private static final LogCapture CAPTURE = new LogCapture();

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    private final HttpClient http = HttpClient.newHttpClient();

    record Person(String family, String given, String birthDate, String phone, String email, String line) {

        List<String> phi() {
            return List.of(family, given, birthDate, phone, email, line);
        }

        Patient patient() {
            Patient patient = new Patient();
            patient.addName().setFamily(family).addGiven(given);
            patient.setBirthDateElement(new DateType(birthDate));
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(phone);
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(email);
            patient.addAddress(new Address().addLine(line).setCity("Springfield"));
            return patient;
        }

        Patient referredWithCode(String code) {
            Patient patient = patient();
            Extension source = patient.addExtension().setUrl(ReferralSource.URL);
            source.addExtension(
                    ReferralSource.CHANNEL,
                    new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", "Friend or family member"));
            source.addExtension(ReferralSource.CODE, new StringType(code));
            return patient;
        }
    }

    /** After the context started: Spring Boot's logging system resets Logback while it starts, appenders and all. */
    @BeforeEach
    void capture() {
        CAPTURE.attach();
    }

    @AfterEach
    void stopCapturing() {
        CAPTURE.detach();
        CAPTURE.stop();
    }

    @Test
    void theNotificationPathAndItsFaultPathsLogNoPhiNoSecretAndNoCredentials() throws Exception {
        Ehr ehr = new Ehr(fhirContext, port);

        // the path that works: an advocate enrolled, a referred patient linked, the referrer written back
        String advocateId = ehr.create(ADVOCATE.patient());
        HttpResponse<String> enrolled = api("POST", "/api/advocates", "{\"patientId\":\"" + advocateId + "\"}");
        assertThat(enrolled.statusCode()).isEqualTo(201);
        String code = (String) JSON.readValue(enrolled.body(), Map.class).get("referralCode");
        String referredId = ehr.create(REFERRED.referredWithCode(code));
        await().atMost(WAIT).until(() -> "LINKED".equals(referralStatus(referredId)));
        // the write-back makes a second version
        await().atMost(WAIT)
                .until(() -> "2".equals(ehr.patient(referredId).getMeta().getVersionId()));

        // a mistyped referral code
        // (another check character than the code's own: when its own was Q, a Q would be no typo at all)
        String typo = code.endsWith("Q") ? "R" : "Q";
        String mistypedId = ehr.create(MISTYPED.referredWithCode(code.substring(0, code.length() - 1) + typo));
        await().atMost(WAIT).until(() -> "UNMATCHED".equals(referralStatus(mistypedId)));

        // an unknown patient: enrolled through the API, and notified by the EHR
        assertThat(api("POST", "/api/advocates", "{\"patientId\":\"does-not-exist-4711\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(notify(
                                "PUT",
                                "/Patient/does-not-exist-4712",
                                "{\"resourceType\":\"Patient\",\"id\":\"does-not-exist-4712\"}")
                        .statusCode())
                .isEqualTo(200);

        // refused requests whose bodies carry PHI
        String phiJson = "\"name\":[{\"family\":\"" + ADVOCATE.family() + "\",\"given\":[\"" + ADVOCATE.given()
                + "\"]}],\"birthDate\":\"" + ADVOCATE.birthDate() + "\",\"telecom\":[{\"value\":\"" + ADVOCATE.phone()
                + "\"},{\"value\":\"" + ADVOCATE.email() + "\"}],\"address\":[{\"line\":[\"" + ADVOCATE.line()
                + "\"]}]";
        assertThat(notify(
                                "PUT",
                                "/Patient/" + advocateId,
                                "{\"resourceType\":\"Patient\",\"id\":\"" + advocateId + "\"," + phiJson)
                        .statusCode())
                .isEqualTo(400);
        assertThat(notify(
                                "PUT",
                                "/Patient/" + advocateId,
                                "{\"resourceType\":\"Encounter\",\"id\":\"" + advocateId + "\"," + phiJson + "}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(notify(
                                "POST",
                                "",
                                "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\","
                                        + phiJson + "}}]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api(
                                "POST",
                                "/api/advocates",
                                "{\"patientId\":\"" + ADVOCATE.given() + " " + ADVOCATE.family() + " "
                                        + ADVOCATE.birthDate() + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api(
                                "POST",
                                "/api/advocates",
                                "{\"patientId\":\"" + ADVOCATE.email() + "\",\"patientId\":\"" + ADVOCATE.phone()
                                        + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api("GET", "/api/advocates/" + ADVOCATE.family() + "-" + ADVOCATE.phone(), null)
                        .statusCode())
                .isBetween(400, 404);
        // a notification the worker cannot take: a notification Bundle whose focus the EHR does not know
        assertThat(notify("DELETE", "/Patient/does-not-exist-4713", null).statusCode())
                .isEqualTo(200);

        // the Subscriptions (whose channel header carries the secret) checked again, as at every start
        assertThat(api("POST", "/api/ehr/subscriptions/check", null).statusCode())
                .isEqualTo(200);

        // what the workers log comes after the requests: give the queues time to drain
        await().atMost(WAIT).until(() -> referralStatus(referredId) != null);
        Thread.sleep(2_000);

        String logged = CAPTURE.text();
        assertThat(logged).as("something was captured").contains("org.referralbridge");
        for (Person person : List.of(ADVOCATE, REFERRED, MISTYPED)) {
            for (String phi : person.phi()) {
                assertThat(logged).as("the logs name no %s", phi).doesNotContainIgnoringCase(phi);
            }
            assertThat(logged).doesNotContain(person.phone().replace("-", ""));
        }
        assertThat(logged)
                .as("the logs hold no secret and no credentials")
                .doesNotContain(Notifications.SECRET, PASSWORD, AUTHORIZATION);
    }

    private String referralStatus(String patientId) throws Exception {
        HttpResponse<String> page = api("GET", "/api/referrals?size=500", null);
        List<?> items = (List<?>) JSON.readValue(page.body(), Map.class).get("items");
        return items.stream()
                .map(item -> (Map<?, ?>) item)
                .filter(item -> patientId.equals(item.get("referredPatientId")))
                .map(item -> Objects.toString(item.get("status")))
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> api(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + AUTHORIZATION)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> notify(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/fhir/notify" + path))
                .header(Notifications.SECRET_HEADER, Notifications.SECRET)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
