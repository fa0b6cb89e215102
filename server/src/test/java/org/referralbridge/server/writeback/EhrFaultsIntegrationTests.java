package org.referralbridge.server.writeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.queue.QueueWorker;
import org.referralbridge.server.reward.RewardStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The EHR misbehaving in every way a real server will not do on demand: WireMock stands between the service and the
 * sandbox EHR, passes everything through, and injects faults for one patient at a time. Nothing may be lost and
 * nothing written twice; dead letters come only after the configured attempts, and replay works.
 */
@IntegrationTest
class EhrFaultsIntegrationTests {

    private static final WireMockServer EHR = new WireMockServer(options().dynamicPort());
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String BASE = "/sandbox/fhir";

    static {
        EHR.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("inboxWorker")
    QueueWorker inboxWorker;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    Ehr sandbox;
    AdminApi api;

    @DynamicPropertySource
    static void ehrBehindWireMock(DynamicPropertyRegistry registry) {
        registry.add("referralbridge.ehr.base-url", () -> "http://localhost:" + EHR.port() + BASE);
        registry.add("referralbridge.ehr.read-timeout", () -> "1s");
        registry.add("referralbridge.writeback.worker.max-attempts", () -> "3");
        // failures here are injected one patient at a time; the breaker has its own test
        registry.add("referralbridge.ehr.circuit-breaker.minimum-calls", () -> "100000");
        // on a loaded machine the Subscription check can time out (1 s reads): the catch-up then finds what its
        // notifications would have announced well within WAIT instead of a minute later
        registry.add("referralbridge.catch-up.interval", () -> "5s");
    }

    @AfterAll
    static void stopEhr() {
        EHR.stop();
    }

    @BeforeEach
    void passEverythingThrough() {
        EHR.resetAll();
        EHR.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
        sandbox = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        // at start-up the proxy target was not known yet: register the Subscriptions now
        AdminApi.client(port)
                .post()
                .uri("/api/ehr/subscriptions/check")
                .retrieve()
                .toBodilessEntity();
    }

    static Stream<ResponseDefinitionBuilder> readFaults() {
        return Stream.of(
                aResponse().withFixedDelay(3_000).withStatus(200), // answers later than the read timeout
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                aResponse().withStatus(500),
                aResponse().withStatus(503).withHeader("Retry-After", "1"),
                aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>maintenance</html>"),
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":"));
    }

    @ParameterizedTest
    @MethodSource("readFaults")
    void linksTheReferralOnceWhatEverTheEhrAnswersAtFirst(ResponseDefinitionBuilder fault) {
        String code = api.enrol(sandbox.create(Patients.existing("FaultAdvocate")));
        String referred = sandbox.create(Patients.referredWithCode("Faulty", code));
        failTwiceThenPassThrough(() -> get(urlPathEqualTo(BASE + "/Patient/" + referred)), fault);

        await().atMost(WAIT)
                .until(() -> "2".equals(sandbox.patient(referred).getMeta().getVersionId()));
        awaitQueuesIdle();

        assertThat(api.referralOf(referred)).containsEntry("status", "LINKED");
        assertThat(sandbox.patient(referred).getMeta().getVersionId()).isEqualTo("2");
        EHR.verify(1, putRequestedFor(urlPathEqualTo(BASE + "/Patient/" + referred)));
    }

    @Test
    void recordsTheReferralOfAPatientWithInvalidValuesElsewhere() {
        String code = api.enrol(sandbox.create(Patients.existing("OddAdvocate")));
        String referred = sandbox.create(Patients.referredWithCode("Odd", code));
        String asStored = AdminApi.client(port)
                .get()
                .uri(BASE + "/Patient/" + referred)
                .retrieve()
                .body(String.class);
        // values a strict parser refuses, in elements that are not ours: an EHR's data quality is not our business
        String withInvalidValues = asStored.replaceFirst(
                "\"resourceType\":\"Patient\",",
                "\"resourceType\":\"Patient\",\"gender\":\"robot\",\"birthDate\":\"1980-02-30\",");
        assertThat(withInvalidValues).contains("robot");
        EHR.stubFor(get(urlPathEqualTo(BASE + "/Patient/" + referred))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withHeader("ETag", "W/\"1\"")
                        .withBody(withInvalidValues)));

        await().atMost(WAIT).until(() -> api.referralOf(referred) != null);

        assertThat(api.referralOf(referred)).containsEntry("status", "LINKED");
        assertThat(jdbc.sql("select count(*) from inbox where status = 'dead'")
                        .query(Long.class)
                        .single())
                .isZero();
        // the write-back stored the invalid values in the sandbox, whose searches of Patients then fail on them: the
        // other tests of this class search
        await().atMost(WAIT)
                .until(() -> "2".equals(sandbox.patient(referred).getMeta().getVersionId()));
        awaitQueuesIdle();
        AdminApi.client(port)
                .delete()
                .uri(BASE + "/Patient/" + referred)
                .retrieve()
                .toBodilessEntity();
    }

    @Test
    void reReadsAndReappliesAfterAVersionConflict() {
        String code = api.enrol(sandbox.create(Patients.existing("ConflictAdvocate")));
        String referred = sandbox.create(Patients.referredWithCode("Conflicted", code));
        failTwiceThenPassThrough(
                () -> put(urlPathEqualTo(BASE + "/Patient/" + referred)),
                aResponse()
                        .withStatus(412)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(
                                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"conflict\"}]}"));

        await().atMost(WAIT)
                .until(() -> "2".equals(sandbox.patient(referred).getMeta().getVersionId()));
        awaitQueuesIdle();

        assertThat(sandbox.patient(referred).getMeta().getVersionId()).isEqualTo("2");
        EHR.verify(3, putRequestedFor(urlPathEqualTo(BASE + "/Patient/" + referred)));
    }

    @Test
    void deadLettersAWriteBackOnlyAfterItsAttemptsAndWritesItOnReplay() {
        String code = api.enrol(sandbox.create(Patients.existing("DeadAdvocate")));
        String referred = sandbox.create(Patients.referredWithCode("Dead", code));
        EHR.stubFor(put(urlPathEqualTo(BASE + "/Patient/" + referred))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500)));

        Map<String, Object> dead = await().atMost(WAIT).until(() -> deadLetterFor(referred), letter -> letter != null);

        assertThat(dead).containsEntry("attempts", 3).containsEntry("kind", "referrer-reference");
        assertThat((String) dead.get("lastError"))
                .contains("gave up after 3 attempts")
                .contains("HTTP 500");
        EHR.verify(3, putRequestedFor(urlPathEqualTo(BASE + "/Patient/" + referred)));
        assertThat(sandbox.patient(referred).getMeta().getVersionId()).isEqualTo("1");

        EHR.resetAll();
        EHR.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
        AdminApi.client(port)
                .post()
                .uri("/api/queues/outbox/dead-letters/{id}/replay", dead.get("id"))
                .retrieve()
                .toBodilessEntity();

        await().atMost(WAIT)
                .until(() -> "2".equals(sandbox.patient(referred).getMeta().getVersionId()));
        awaitQueuesIdle();
        assertThat(deadLetterFor(referred)).isNull();
        assertThat(sandbox.patient(referred).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void writesARewardOnceWhenItsProvenanceFailsAtFirst() {
        Rewards rewards = new Rewards(
                sandbox.create(Patients.existing("RewardFaultAdvocate")),
                sandbox.create(Patients.existing("RewardFaultReferred")));
        failTwiceThenPassThrough(
                () -> put(urlPathMatching(BASE + "/Provenance/.*")), aResponse().withStatus(503));

        transactions.executeWithoutResult(
                tx -> events.publishEvent(rewards.revision(1, RewardStatus.AWAITING_APPROVAL)));
        Map<String, Object> row = await().atMost(WAIT)
                .until(
                        () -> jdbc.sql("select status, attempts from outbox where kind = ? and resource_id = ?")
                                .params(
                                        WriteBackRequests.REWARD,
                                        rewards.rewardId().toString())
                                .query()
                                .singleRow(),
                        r -> "done".equals(r.get("status")));

        assertThat((Integer) row.get("attempts"))
                .as("retried after the failed Provenance")
                .isGreaterThan(1);
        Bundle basics =
                search("Basic?identifier=" + encode(ReferralReward.IDENTIFIER_SYSTEM + "|" + rewards.rewardId()));
        assertThat(basics.getEntry()).hasSize(1);
        Basic basic = (Basic) basics.getEntryFirstRep().getResource();
        assertThat(basic.getMeta().getVersionId())
                .as("the retries wrote it no second time")
                .isEqualTo("1");
        Bundle tasks = search("Task?identifier="
                + encode(ReferralRewardTask.IDENTIFIER_SYSTEM + "|" + rewards.rewardId() + ":"
                        + ReferralRewardTask.APPROVE));
        assertThat(tasks.getEntry()).hasSize(1);
        assertThat(search("Provenance?target="
                                + encode("Basic/" + basic.getIdElement().getIdPart()))
                        .getEntry())
                .hasSize(1);
        assertThat(search("Provenance?target="
                                + encode("Task/"
                                        + tasks.getEntryFirstRep()
                                                .getResource()
                                                .getIdElement()
                                                .getIdPart()))
                        .getEntry())
                .hasSize(1);
    }

    private Bundle search(String url) {
        return sandbox.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void doesNotReadAPatientAgainForTheNotificationOfItsOwnWriteBack() {
        String code = api.enrol(sandbox.create(Patients.existing("EchoAdvocate")));
        String referred = sandbox.create(Patients.referredWithCode("Echoed", code));

        await().atMost(WAIT)
                .until(() -> "2".equals(sandbox.patient(referred).getMeta().getVersionId()));
        // the sandbox notifies the service of version 2, the one the write-back made
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from inbox where dedupe_key = ? and status = 'done'")
                                .param("Patient/" + referred + "/_history/2")
                                .query(Long.class)
                                .single()
                        == 1);
        awaitQueuesIdle();

        List<LoggedRequest> writes = EHR.findAll(putRequestedFor(urlPathEqualTo(BASE + "/Patient/" + referred)));
        assertThat(writes).hasSize(1);
        List<String> readsAfterTheWrite = EHR.findAll(getRequestedFor(anyUrl())).stream()
                .filter(request -> request.getLoggedDate().after(writes.get(0).getLoggedDate()))
                .map(LoggedRequest::getUrl)
                .filter(url -> names(url, referred))
                .toList();
        assertThat(readsAfterTheWrite).isEmpty();
        assertThat(api.referralOf(referred)).containsEntry("status", "LINKED");
    }

    @Test
    void readsTheReferredPatientsOfOneInboxBatchAndTheirEncountersWithOneSearchEach() {
        String code = api.enrol(sandbox.create(Patients.existing("BatchAdvocate")));
        awaitQueuesIdle();
        List<String> referred;
        inboxWorker.stop();
        try {
            referred = List.of(
                    sandbox.create(Patients.referredWithCode("BatchOne", code)),
                    sandbox.create(Patients.referredWithCode("BatchTwo", code)),
                    sandbox.create(Patients.referredWithCode("BatchThree", code)));
            await().atMost(WAIT)
                    .until(() ->
                            jdbc.sql("select count(*) from inbox where status = 'pending' and resource_id in (?, ?, ?)")
                                            .params(referred)
                                            .query(Long.class)
                                            .single()
                                    == 3);
        } finally {
            inboxWorker.start();
        }

        for (String id : referred) {
            await().atMost(WAIT)
                    .until(() -> "2".equals(sandbox.patient(id).getMeta().getVersionId()));
        }
        awaitQueuesIdle();

        for (String id : referred) {
            assertThat(api.referralOf(id)).containsEntry("status", "LINKED");
            // the write-back's own read of the JSON it changes; the inbox took the Patient from the batch's search
            EHR.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/Patient/" + id)));
        }
        List<String> searches = EHR.findAll(getRequestedFor(anyUrl())).stream()
                .map(LoggedRequest::getUrl)
                .map(url -> URLDecoder.decode(url, StandardCharsets.UTF_8))
                .filter(url -> referred.stream().anyMatch(id -> names(url, id)))
                .filter(url -> url.contains("?"))
                .toList();
        assertThat(searches).hasSize(2);
        assertThat(searches)
                .anySatisfy(
                        url -> assertThat(url).startsWith(BASE + "/Patient?").contains("_id="))
                .anySatisfy(
                        url -> assertThat(url).startsWith(BASE + "/Encounter?").contains("patient="))
                .allSatisfy(url -> assertThat(url).contains(referred.get(0), referred.get(1), referred.get(2)));
    }

    /** Whether a request URL names the resource id as a path segment or a search value (not as digits of a date). */
    private static boolean names(String url, String id) {
        String decoded = URLDecoder.decode(url, StandardCharsets.UTF_8);
        return Pattern.compile("[/=,]" + Pattern.quote(id) + "(?:$|[/?&,])")
                .matcher(decoded)
                .find();
    }

    private Map<String, Object> deadLetterFor(String patientId) {
        List<Map<String, Object>> letters = AdminApi.client(port)
                .get()
                .uri("/api/queues/outbox/dead-letters")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return letters.stream()
                .filter(letter -> ("Patient/" + patientId).equals(letter.get("subject")))
                .findFirst()
                .orElse(null);
    }

    private void failTwiceThenPassThrough(Supplier<MappingBuilder> request, ResponseDefinitionBuilder fault) {
        String scenario = "faults " + request.get().build().getRequest().getUrlMatcher();
        EHR.stubFor(request.get()
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault)
                .willSetStateTo("failed once"));
        EHR.stubFor(request.get()
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs("failed once")
                .willReturn(fault)
                .willSetStateTo("healthy"));
        EHR.stubFor(request.get()
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs("healthy")
                .willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
    }

    private void awaitQueuesIdle() {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select (select count(*) from inbox where status = 'pending')"
                                        + " + (select count(*) from outbox where status = 'pending')")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
