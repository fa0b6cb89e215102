package org.referralbridge.server.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The friend's landing page over HTTP, against the sandbox EHR: what the page shows and hides, the form's guards,
 * and a lead that links when the friend appears in the EHR, with and without the code.
 */
@IntegrationTest(args = "--server.forward-headers-strategy=native")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    TimeTokens tokens;

    @Autowired
    FriendLeads leads;

    @Autowired
    ConsentState consents;

    private Ehr ehr;
    private AdminApi api;

    @BeforeAll
    void start() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
    }

    @Test
    void theCodesPageShowsTheProgramAndTheFormButNothingOfTheAdvocate() {
        Patient advocate = Patients.person("Ignatius", "Quillfeather", "1964-02-29");
        advocate.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("ignatius@example.org");
        String advocateId = ehr.create(advocate);
        String code = api.enrol(advocateId);

        HttpResponse<String> page = friend().get("/r/" + code);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html lang=\"en\"", "Welcome to", "The referral program", "Privacy", "<legend>")
                .contains("name=\"website\"", "tabindex=\"-1\"", "name=\"_csrf\"")
                .doesNotContain("Quillfeather", "Ignatius", "ignatius@example.org", "1964", "Patient/" + advocateId);
        assertThat(friend().get("/r/" + code.toLowerCase().replace("-", "")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownCodeGetsA404PageAndAMistypedOneASuggestionThatRevealsNoAdvocate() {
        String existing = api.enrol(ehr.create(Patients.existing("Vantongeren")));
        String nobodys = nobodysCode();
        Friend friend = friend();

        HttpResponse<String> unknown = friend.get("/r/" + nobodys);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("We could not find that code").doesNotContain("Did you mean");

        HttpResponse<String> mistypedExisting = friend.get("/r/" + mistype(existing));
        HttpResponse<String> mistypedNobodys = friend.get("/r/" + mistype(nobodys));
        assertThat(mistypedExisting.statusCode()).isEqualTo(404);
        assertThat(mistypedNobodys.statusCode()).isEqualTo(404);
        assertThat(mistypedExisting.body()).contains("Did you mean", "href=\"/r/" + existing + "\"");
        assertThat(mistypedNobodys.body()).contains("Did you mean", "href=\"/r/" + nobodys + "\"");
        assertThat(mistypedExisting.body().replace(existing, "CODE"))
                .isEqualTo(mistypedNobodys.body().replace(nobodys, "CODE"));

        HttpResponse<String> lookAlike = friend.get("/r/" + "0" + existing.substring(1));
        assertThat(lookAlike.statusCode()).isEqualTo(404);
        assertThat(friend.get("/r/not-a-code").statusCode()).isEqualTo(404);
    }

    @Test
    void aFilledHoneypotIsRefusedAndNoLeadIsCreated() {
        String code = api.enrol(ehr.create(Patients.existing("Honeywell")));
        long before = leads.count();

        Map<String, String> fields = valid("bot@example.org", "");
        fields.put("token", tokens.issue(code, Instant.now().minusSeconds(20)));
        fields.put("website", "http://spam.example.com");
        HttpResponse<String> sent = friend().send(code, fields);

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body()).contains("We could not accept this form");
        assertThat(leads.count()).isEqualTo(before);
    }

    @Test
    void aFormSentAtOnceIsRefusedPolitelyWithTheFormAgain() {
        String code = api.enrol(ehr.create(Patients.existing("Quickly")));
        long before = leads.count();

        // the page's own token, sent at once
        HttpResponse<String> sent = friend().send(code, valid("fast@example.org", ""));

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body()).contains("sent very quickly", "name=\"token\"", "value=\"fast@example.org\"");
        assertThat(leads.count()).isEqualTo(before);
    }

    @Test
    void aFormWithProblemsComesBackWithEachProblemNextToItsField() {
        String code = api.enrol(ehr.create(Patients.existing("Mistaken")));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", tokens.issue(code, Instant.now().minusSeconds(20)));
        fields.put("name", "");
        fields.put("email", "not an email");
        fields.put("preferredTime", "midnight");
        fields.put("message", "x".repeat(501));

        HttpResponse<String> sent = friend().send(code, fields);

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body())
                .contains("id=\"name-error\"", "Enter your name.", "href=\"#name\"")
                .contains("id=\"email-error\"", "id=\"preferredTime-error\"", "id=\"message-error\"")
                .contains("aria-describedby=\"name-error\"", "aria-invalid=\"true\"");
    }

    @Test
    void manyFormsFromOneAddressAreAnswered429() {
        String code = api.enrol(ehr.create(Patients.existing("Floodgate")));
        Friend friend = friend();
        Map<String, String> fields = valid("", "555 010 4000");
        fields.put("website", "filled");
        for (int i = 0; i < 5; i++) {
            assertThat(friend.send(code, fields).statusCode()).isEqualTo(400);
        }

        HttpResponse<String> limited = friend.send(code, fields);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Please try again later", "<html lang=\"en\"");
        assertThat(friend().send(code, fields).statusCode())
                .as("another address")
                .isEqualTo(400);
    }

    @Test
    void aFriendWhoComesWithTheCodeAndTheSameEmailLinksTheLeadAndTheirConsentsAreRecorded() {
        String advocateId = ehr.create(Patients.existing("Linkwright"));
        String code = api.enrol(advocateId);
        Map<String, String> fields = valid("Friend.One@Example.org", "");
        fields.put("consentDisclosure", "true");
        fields.put("consentEmail", "true");

        HttpResponse<String> thankYou = sendAndFollow(code, fields);

        assertThat(thankYou.statusCode()).isEqualTo(200);
        assertThat(thankYou.body())
                .contains("Thank you. The practice will contact you.")
                .doesNotContain("Ottilie", "Friend.One", "friend.one", "555");
        FriendLead lead = onlyLeadOf(advocateId);
        assertThat(lead.status()).isEqualTo(FriendLead.Status.OPEN);
        assertThat(lead.email()).isEqualTo("friend.one@example.org");

        Patient friend = Patients.referredWithCode("Ottoway", code);
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("friend.one@example.org");
        String friendId = ehr.create(friend);

        await().atMost(WAIT).until(() -> leads.findById(lead.id()).orElseThrow().status() == FriendLead.Status.LINKED);
        assertThat(leads.findById(lead.id()).orElseThrow().linkedPatientId()).isEqualTo(friendId);
        List<ConsentView> recorded = consents.of(friendId);
        assertThat(recorded)
                .extracting(
                        ConsentView::kind, ConsentView::actorPatientId, ConsentView::channel, ConsentView::recordedBy)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "referral-disclosure", advocateId, null, LeadLinking.RECORDED_BY),
                        org.assertj.core.groups.Tuple.tuple(
                                "program-messages", null, "email", LeadLinking.RECORDED_BY));
    }

    @Test
    void aFriendWhoComesWithoutACodeButWithTheLeadsPhoneIsLinkedOnceTheFrontDeskConfirmsTheAdvocate() {
        String advocateId = ehr.create(Patients.existing("Phonebrook"));
        String code = api.enrol(advocateId);
        Map<String, String> fields = valid("", "+1 (555) 010-7788");
        fields.put("consentSms", "true");
        assertThat(sendAndFollow(code, fields).statusCode()).isEqualTo(200);
        FriendLead lead = onlyLeadOf(advocateId);

        Patient friend = Patients.existing("Ottilie-Nocode");
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-010-7788");
        String friendId = ehr.create(friend);

        confirmTheReviewOf(friendId, advocateId, lead);
        await().atMost(WAIT).until(() -> leads.findById(lead.id()).orElseThrow().status() == FriendLead.Status.LINKED);
        Map<String, Object> referral = api.referralOf(friendId);
        assertThat(referral)
                .containsEntry("status", "LINKED")
                .containsEntry("referrerReference", "Patient/" + advocateId)
                .containsEntry("channel", "web");
        assertThat(consents.of(friendId))
                .extracting(ConsentView::kind, ConsentView::channel, ConsentView::writtenRecord)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("program-messages", "sms", true));
    }

    @Test
    void aFriendWhoComesWithoutACodeButWithTheLeadsEmailIsLinkedOnceTheFrontDeskConfirmsTheAdvocate() {
        String advocateId = ehr.create(Patients.existing("Mailbrook"));
        String code = api.enrol(advocateId);
        Map<String, String> fields = valid("no.code@example.org", "");
        fields.put("consentDisclosure", "true");
        assertThat(sendAndFollow(code, fields).statusCode()).isEqualTo(200);
        FriendLead lead = onlyLeadOf(advocateId);

        Patient friend = Patients.existing("Nocodeson");
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("No.Code@example.org");
        String friendId = ehr.create(friend);

        confirmTheReviewOf(friendId, advocateId, lead);
        await().atMost(WAIT).until(() -> leads.findById(lead.id()).orElseThrow().status() == FriendLead.Status.LINKED);
        assertThat(api.referralOf(friendId)).containsEntry("status", "LINKED");
        assertThat(consents.of(friendId))
                .extracting(ConsentView::kind, ConsentView::actorPatientId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("referral-disclosure", advocateId));
    }

    @Test
    void aFriendWithTheCodeButAnotherContactLeavesTheLeadOpen() {
        String advocateId = ehr.create(Patients.existing("Elsewhere"));
        String code = api.enrol(advocateId);
        assertThat(sendAndFollow(code, valid("someone@example.org", "")).statusCode())
                .isEqualTo(200);
        FriendLead lead = onlyLeadOf(advocateId);

        Patient friend = Patients.referredWithCode("Otherperson", code);
        friend.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("other@example.org");
        String friendId = ehr.create(friend);

        await().atMost(WAIT)
                .until(() -> api.referralOf(friendId) != null
                        && "LINKED".equals(api.referralOf(friendId).get("status")));
        assertThat(leads.findById(lead.id()).orElseThrow().status()).isEqualTo(FriendLead.Status.OPEN);
        assertThat(consents.of(friendId)).isEmpty();
    }

    /**
     * The same contact is likely the friend, not certainly: the referral waits in the review queue with the lead's
     * advocate as its one candidate, the lead stays open until the front desk confirms.
     */
    @SuppressWarnings("unchecked")
    private void confirmTheReviewOf(String friendId, String advocateId, FriendLead lead) {
        await().atMost(WAIT)
                .until(() -> api.referralOf(friendId) != null
                        && "IN_REVIEW".equals(api.referralOf(friendId).get("status")));
        assertThat(leads.findById(lead.id()).orElseThrow().status()).isEqualTo(FriendLead.Status.OPEN);
        org.springframework.web.client.RestClient http = AdminApi.client(port);
        Map<String, Object> page = http.get()
                .uri("/api/review-items?status=open&size=500")
                .retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {});
        Map<String, Object> item = ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(candidate -> friendId.equals(candidate.get("referredPatientId")))
                        .findFirst()
                        .orElseThrow();
        assertThat((List<Map<String, Object>>) item.get("candidates"))
                .extracting(candidate -> candidate.get("patientId"))
                .containsExactly(advocateId);
        int confirmed = http.post()
                .uri("/api/review-items/{id}/confirm", item.get("id"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", advocateId))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(confirmed).isEqualTo(200);
    }

    private HttpResponse<String> sendAndFollow(String code, Map<String, String> fields) {
        Friend friend = friend();
        fields.put("token", tokens.issue(code, Instant.now().minusSeconds(20)));
        HttpResponse<String> sent = friend.send(code, fields);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith(LandingPages.THANK_YOU);
        return friend.get(LandingPages.THANK_YOU);
    }

    private FriendLead onlyLeadOf(String advocateId) {
        List<FriendLead> found = leads.findByAdvocatePatientIdOrderByCreatedAtDesc(advocateId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, String> valid(String email, String phone) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Ottilie Ottoway");
        fields.put("email", email);
        fields.put("phone", phone);
        fields.put("preferredTime", "morning");
        fields.put("message", "Looking for a new dentist.");
        return fields;
    }

    private Friend friend() {
        return new Friend(port, "192.0.2." + ADDRESSES.incrementAndGet());
    }

    private static String nobodysCode() {
        return ReferralCode.generate(new Random()).display();
    }

    /** The code with another check character. */
    private static String mistype(String display) {
        String value = ReferralCode.normalize(display);
        char check = value.charAt(7);
        char other = ReferralCode.ALPHABET.charAt(
                (ReferralCode.ALPHABET.indexOf(check) + 1) % ReferralCode.ALPHABET.length());
        return value.substring(0, 7) + other;
    }
}
