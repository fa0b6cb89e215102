package org.referralbridge.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralProgramCommunication;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.LogCapture;
import org.referralbridge.server.Patients;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentStatement;
import org.referralbridge.server.consent.ConsentView;
import org.referralbridge.server.referral.ReferralLinked;
import org.referralbridge.server.reward.RewardChanged;
import org.referralbridge.server.reward.RewardStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Program messages end to end, with a real SMTP server in the test (GreenMail) and the sandbox EHR: the events that
 * send them, the consent rules, the opt-out link followed from a received e-mail, a failed send retried, the
 * Communications written to the EHR validated, and no PHI in any log line.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs",
            "referralbridge.messages.enabled=true",
            "referralbridge.messages.from=referrals@example-clinic.org",
            "referralbridge.messages.practice-name=Example Family Dental",
            "referralbridge.messages.postal-address=1 Main Street, Springfield, IL 62701",
            "referralbridge.public-base-url=https://referrals.example-clinic.org/",
            "referralbridge.messages.unsubscribe-secret=test-unsubscribe-secret-of-32-characters-at-least",
            "referralbridge.messages.worker.poll-interval=200ms",
            "referralbridge.messages.worker.backoff-base=200ms",
            "referralbridge.messages.worker.backoff-max=1s",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
class ProgramMessagesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final LogCapture CAPTURE = new LogCapture("com.icegreen");
    /** Every name, birth date, phone and address given to a patient here: none may appear in a log line. */
    private static final List<String> PHI = new ArrayList<>();

    private static final int SMTP_PORT;
    private static GreenMail smtp;

    static {
        GreenMail probe = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        probe.start();
        SMTP_PORT = probe.getSmtp().getPort();
        probe.stop();
        smtp = startSmtp();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ConsentState consents;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private Ehr ehr;
    private final HttpClient http = HttpClient.newHttpClient();

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @BeforeEach
    void setUp() throws Exception {
        ehr = new Ehr(fhirContext, port);
        smtp.purgeEmailFromAllMailboxes();
        CAPTURE.attach();
    }

    @AfterEach
    void logsHoldNoPhi() {
        CAPTURE.detach();
        String logs = CAPTURE.text();
        assertThat(logs).contains("message"); // the capture saw this test's sending
        for (String phi : PHI) {
            assertThat(logs).as("the logs name no patient detail").doesNotContain(phi);
        }
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** What each test needs of a person: their Patient id and the address their e-mail goes to. */
    record Person(String id, String firstName, String email) {}

    /**
     * The three consents, each present, absent or revoked (27 cells): the referrer's e-mail consent decides whether
     * the thank-you is sent, the friend's disclosure consent whether the friend is named in it, and the referrer's
     * recognition consent whether the recognition list names the referrer.
     */
    @Test
    void theConsentMatrixDecidesWhoIsWrittenToWhoIsNamedInTheMessageAndWhoIsNamedPublicly() throws Exception {
        String[] states = {"present", "absent", "revoked"};
        AdminApi api = new AdminApi(port);
        for (String emailConsent : states) {
            for (String disclosure : states) {
                for (String recognition : states) {
                    String cell = "email consent " + emailConsent + ", disclosure " + disclosure + ", recognition "
                            + recognition;
                    Person referrer = person();
                    Person friend = person();
                    api.enrol(referrer.id());
                    consent(emailConsent, ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");
                    consent(disclosure, ConsentKind.REFERRAL_DISCLOSURE, friend.id(), referrer.id(), null);
                    consent(recognition, ConsentKind.REFERRER_RECOGNITION, referrer.id(), null, "newsletter");

                    assertThat(recognitionList(api))
                            .as(cell)
                            .matches(list -> list.contains(referrer.id()) == recognition.equals("present"));

                    UUID reward = reward(referrer, friend, "thank-you-only", 1);
                    awaitHandled(reward);

                    List<MimeMessage> received = to(referrer.email());
                    if (!emailConsent.equals("present")) {
                        assertThat(received).as(cell).isEmpty();
                        assertThat(audited("message.withheld", "reward/" + reward))
                                .as(cell)
                                .contains("reason/no-channel-consent");
                        continue;
                    }
                    assertThat(received).as(cell).hasSize(1);
                    String text = text(received.get(0));
                    if (disclosure.equals("present")) {
                        assertThat(text).as(cell).contains(friend.firstName()).doesNotContain("a friend you referred");
                    } else {
                        assertThat(text)
                                .as(cell)
                                .contains("a friend you referred")
                                .doesNotContain(friend.firstName());
                    }
                    assertThat(text).as(cell).contains(referrer.firstName(), "1 Main Street, Springfield, IL 62701");
                    assertThat(audited("message.sent", "reward/" + reward))
                            .as(cell)
                            .anySatisfy(id -> assertThat(id).startsWith("consent/"));
                }
            }
        }
    }

    /** The Patient ids the recognition list names for the newsletter. */
    private List<Object> recognitionList(AdminApi api) {
        List<java.util.Map<String, Object>> rows = AdminApi.client(port)
                .get()
                .uri("/api/recognition?channel=newsletter")
                .retrieve()
                .body(
                        new org.springframework.core.ParameterizedTypeReference<
                                List<java.util.Map<String, Object>>>() {});
        return rows.stream().map(row -> row.get("patientId")).toList();
    }

    @Test
    void anEmailIsMultipartAlternativeWithOneClickUnsubscribeHeadersAndTheRewardItem() throws Exception {
        Person referrer = person();
        Person friend = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");

        UUID reward = reward(referrer, friend, "allow", 1);
        awaitHandled(reward);

        MimeMessage mail = to(referrer.email()).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(mail.getHeader("List-Unsubscribe")[0])
                .matches("<https://referrals\\.example-clinic\\.org/api/messages/opt-out\\?token=[^>]+>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(text(mail)).contains("$15 off your next visit");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("1 Main Street", "href=\"https://referrals.");
    }

    @Test
    void repeatedEventsOfOneRewardSendOneMessage() throws Exception {
        Person referrer = person();
        Person friend = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");
        UUID reward = UUID.randomUUID();

        publish(rewardChanged(reward, referrer, friend, "thank-you-only", 1));
        publish(rewardChanged(reward, referrer, friend, "thank-you-only", 1));
        publish(rewardChanged(reward, referrer, friend, "thank-you-only", 2));
        awaitHandled(reward);

        assertThat(jdbc.sql("select count(*) from message_outbox where dedupe_key like ?")
                        .param("message:referrer:" + reward + ":%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(to(referrer.email())).hasSize(1);
    }

    @Test
    void revokingTheConsentBetweenTwoMessagesStopsTheSecond() throws Exception {
        Person referrer = person();
        List<ConsentView> given = consents.record(
                statement(ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email"), "front-desk-user");

        UUID first = reward(referrer, person(), "thank-you-only", 1);
        awaitHandled(first);
        awaitEhrSettled();
        consents.revoke(given.get(0).statementId(), "front-desk-user");
        awaitEhrSettled();
        UUID second = reward(referrer, person(), "thank-you-only", 1);
        awaitHandled(second);

        assertThat(to(referrer.email())).hasSize(1);
        assertThat(audited("message.withheld", "reward/" + second)).contains("reason/no-channel-consent");
    }

    @Test
    void theOptOutLinkOfAReceivedEmailStopsEveryLaterEmailToThatAddress() throws Exception {
        Person referrer = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");
        UUID first = reward(referrer, person(), "thank-you-only", 1);
        awaitHandled(first);
        MimeMessage mail = to(referrer.email()).get(0);
        Matcher link = Pattern.compile(
                        "https://referrals\\.example-clinic\\.org(/api/messages/opt-out\\?token=[A-Za-z0-9_.-]+)")
                .matcher(text(mail));
        assertThat(link.find()).isTrue();
        URI local = URI.create("http://localhost:" + port + link.group(1));

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(local)
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        HttpResponse<String> before = http.send(
                HttpRequest.newBuilder(local)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(before.body()).contains("\"optedOut\":false");
        // what a mailbox's one-click unsubscribe sends (RFC 8058, section 3.2)
        HttpResponse<String> optedOut = http.send(
                HttpRequest.newBuilder(local)
                        .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(optedOut.statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = http.send(
                HttpRequest.newBuilder(URI.create(local + "x"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("RB-1801");
        HttpResponse<String> tamperedPage = http.send(
                HttpRequest.newBuilder(URI.create(local + "x"))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tamperedPage.statusCode()).isEqualTo(400);
        assertThat(tamperedPage.body()).contains("RB-1801").doesNotContain("<html");

        UUID second = reward(referrer, person(), "thank-you-only", 1);
        awaitHandled(second);
        UUID update = programUpdate(referrer);
        await().atMost(WAIT).until(() -> handled("message:program-update:" + update + ":%"));

        assertThat(to(referrer.email())).hasSize(1);
        assertThat(audited("message.withheld", "reward/" + second)).contains("reason/address-suppressed");
        assertThat(audited("message.withheld", "program-update/" + update)).contains("reason/address-suppressed");
        assertThat(audited("message.opted-out", "Patient/" + referrer.id())).isNotEmpty();
    }

    @Test
    void aLinkedReferralWelcomesTheReferredPatient() throws Exception {
        Person referred = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referred.id(), null, "email");
        UUID referral = UUID.randomUUID();

        publish(new ReferralLinked(referral, referred.id(), UUID.randomUUID(), person().id()));
        await().atMost(WAIT).until(() -> handled("message:welcome:" + referral + ":email"));

        assertThat(to(referred.email())).hasSize(1);
        assertThat(to(referred.email()).get(0).getSubject()).contains("Welcome to Example Family Dental");
    }

    @Test
    void aFailedSmtpSendIsRetriedAndSentOnce() throws Exception {
        Person referrer = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");
        smtp.stop();
        UUID reward;
        String failure;
        try {
            reward = reward(referrer, person(), "thank-you-only", 1);
            String key = "message:referrer:" + reward + ":email";
            // two attempts failed while the SMTP server was away; the row waits for its next retry
            await().atMost(WAIT)
                    .until(() -> jdbc.sql("select count(*) from message_outbox where dedupe_key = ?"
                                            + " and attempts >= 2 and last_error is not null and status = 'pending'")
                                    .param(key)
                                    .query(Long.class)
                                    .single()
                            == 1);
            failure = jdbc.sql("select last_error from message_outbox where dedupe_key = ?")
                    .param(key)
                    .query(String.class)
                    .single();
        } finally {
            smtp = startSmtp();
        }
        awaitHandled(reward);

        assertThat(failure).contains("failed").doesNotContain("@");
        assertThat(to(referrer.email())).hasSize(1);
        assertThat(jdbc.sql("select status from message_outbox where dedupe_key = ?")
                        .param("message:referrer:" + reward + ":email")
                        .query(String.class)
                        .single())
                .isEqualTo("done");
        assertThat(audited("message.sent", "reward/" + reward)).isNotEmpty();
    }

    @Test
    void everyMessageSentIsRecordedInTheEhrAsAValidCommunication() throws Exception {
        Person referrer = person();
        Person friend = person();
        consent("present", ConsentKind.PROGRAM_MESSAGES, referrer.id(), null, "email");
        consent("present", ConsentKind.REFERRAL_DISCLOSURE, friend.id(), referrer.id(), null);
        UUID reward = reward(referrer, friend, "allow", 1);
        awaitHandled(reward);

        await().atMost(WAIT).until(() -> !communications(referrer.id()).isEmpty());
        assertThat(communications(referrer.id())).hasSize(1);

        Bundle all = ehr.client()
                .search()
                .forResource(Communication.class)
                .count(500)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(all.getEntry()).isNotEmpty();
        for (Bundle.BundleEntryComponent entry : all.getEntry()) {
            Communication communication = (Communication) entry.getResource();
            ValidationReport report = Conformance.validator(fhirContext).validate(communication);
            assertThat(report.isValid()).as(report.summary()).isTrue();
            assertThat(communication.getIdentifierFirstRep().getSystem())
                    .isEqualTo(ReferralProgramCommunication.IDENTIFIER_SYSTEM);
        }
        Communication mine = communications(referrer.id()).get(0);
        assertThat(mine.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("reward-earned");
        assertThat(mine.getPayloadFirstRep().getContentStringType().getValue()).contains(friend.firstName());
    }

    // --- helpers

    private List<Communication> communications(String patientId) {
        Bundle found = ehr.client()
                .search()
                .forResource(Communication.class)
                .where(Communication.SUBJECT.hasId("Patient/" + patientId))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream()
                .map(e -> (Communication) e.getResource())
                .toList();
    }

    private Person person() {
        int n = PEOPLE.incrementAndGet();
        String first = "Zelda" + letters(n);
        String family = "Quist" + letters(n);
        String email = first.toLowerCase() + "." + family.toLowerCase() + "@mail.example.org";
        String phone = "555-01" + String.format("%02d", n % 100);
        String birthDate = "1971-0" + (1 + n % 9) + "-1" + (n % 10);
        Patient patient = Patients.person(first, family, birthDate);
        patient.getName().get(0).setText(first + " " + family);
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        PHI.addAll(Arrays.asList(first, family, email, phone, birthDate));
        return new Person(ehr.create(patient), first, email);
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = n; i > 0; i /= 26) {
            s.append((char) ('a' + (i % 26)));
        }
        return s + "x";
    }

    private void consent(String state, ConsentKind kind, String patientId, String actor, String channel) {
        if (state.equals("absent")) {
            return;
        }
        List<ConsentView> given = consents.record(statement(kind, patientId, actor, channel), "front-desk-user");
        if (state.equals("revoked")) {
            // the EHR's notification of the Consent written for the statement is read before the revocation, as it
            // would be when a patient withdraws a consent later (the one a moment ago races the notification)
            awaitEhrSettled();
            consents.revoke(given.get(0).statementId(), "front-desk-user");
            awaitEhrSettled();
            assertThat(consents.permits(kind, patientId, actor, channel)).isFalse();
        }
    }

    /** Nothing left to write to the EHR, nor to read from its notifications. */
    private void awaitEhrSettled() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from outbox where status = 'pending')"
                                        + " + (select count(*) from inbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private static ConsentStatement statement(ConsentKind kind, String patientId, String actor, String channel) {
        return new ConsentStatement(
                kind,
                patientId,
                actor,
                channel == null ? List.of() : List.of(channel),
                true,
                ConsentStatement.ACTIVE,
                true,
                Instant.parse("2026-03-01T09:00:00Z"),
                null);
    }

    private UUID reward(Person referrer, Person friend, String outcome, long revision) {
        UUID reward = UUID.randomUUID();
        publish(rewardChanged(reward, referrer, friend, outcome, revision));
        return reward;
    }

    private static RewardChanged rewardChanged(
            UUID reward, Person referrer, Person friend, String outcome, long revision) {
        return new RewardChanged(
                reward,
                UUID.randomUUID(),
                referrer.id(),
                friend.id(),
                "friends-and-family",
                "first-visit",
                "credit-15",
                "service-credit",
                new BigDecimal("15.00"),
                RewardStatus.values()[0],
                outcome,
                List.of("aks-nominal-value"),
                List.of(),
                "program friends-and-family rule first-visit",
                revision,
                Instant.parse("2026-03-20T10:05:00Z"));
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private UUID programUpdate(Person recipient) {
        UUID update = UUID.randomUUID();
        Integer status = AdminApi.client(port)
                .post()
                .uri("/api/messages/program-update")
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of(
                        "updateId", update.toString(),
                        "text", "Our referral program now runs all year.",
                        "patientIds", List.of(recipient.id())))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(202);
        return update;
    }

    private void awaitHandled(UUID reward) {
        await().atMost(WAIT).until(() -> handled("message:referrer:" + reward + ":email"));
    }

    private boolean handled(String dedupeKey) {
        return jdbc.sql("select count(*) from message_outbox where dedupe_key like ? and status = 'pending'")
                                .param(dedupeKey)
                                .query(Long.class)
                                .single()
                        == 0
                && jdbc.sql("select count(*) from message_outbox where dedupe_key like ?")
                                .param(dedupeKey)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    /** The resource ids of the audit entries of this action that name {@code resource}. */
    private List<String> audited(String action, String resource) {
        return jdbc.sql("select r.resource_id from audit_entry_resource r join audit_entry e on e.id = r.entry_id"
                        + " where e.action = ? and r.entry_id in"
                        + " (select entry_id from audit_entry_resource where resource_id = ?)")
                .params(action, resource)
                .query(String.class)
                .list();
    }

    private static List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address))) {
                mine.add(message);
            }
        }
        return mine;
    }

    private static String text(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        return (String) parts.getBodyPart(0).getContent();
    }
}
