package org.referralbridge.fhirplugin.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.referralbridge.fhirplugin.testing.Patients;

/** What a real FHIR server will not do on demand: conflicts, outages, broken bodies. Served by WireMock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EhrClientFailureIntegrationTests {

    private static final String OUR_EXTENSION = "https://referralbridge.org/fhir/StructureDefinition/referral-source";
    private static final String PATIENT_PATH = "/fhir/Patient/p1";

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private final WireMockServer ehr = new WireMockServer(options().dynamicPort());
    private EhrClient client;

    @BeforeAll
    void startEhr() {
        ehr.start();
        client = new EhrClient(
                fhirContext,
                EhrConnection.to(ehr.baseUrl() + "/fhir")
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                        .withMaxVersionConflictRetries(2));
    }

    @AfterAll
    void stopEhr() {
        ehr.stop();
    }

    @BeforeEach
    void forgetStubs() {
        ehr.resetAll();
    }

    @Test
    void updateReReadsAfterPreconditionFailedAndAppliesTheChangeToTheNewVersion() {
        Patient otherWritersVersion = patientVersion("2");
        otherWritersVersion.setGender(AdministrativeGender.FEMALE);
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("conflict")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(200, patientVersion("1"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("If-Match", equalTo("W/\"1\""))
                .inScenario("conflict")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(412, outcome("conflict", "version 1 is not current")))
                .willSetStateTo("changed elsewhere"));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("conflict")
                .whenScenarioStateIs("changed elsewhere")
                .willReturn(fhir(200, otherWritersVersion)));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("If-Match", equalTo("W/\"2\""))
                .inScenario("conflict")
                .whenScenarioStateIs("changed elsewhere")
                .willReturn(fhir(200, patientVersion("3"))
                        .withHeader("Content-Location", ehr.baseUrl() + PATIENT_PATH + "/_history/3")));
        AtomicInteger applied = new AtomicInteger();

        WriteOutcome outcome = client.update(Patient.class, "p1", patient -> {
            applied.incrementAndGet();
            patient.addExtension(OUR_EXTENSION, new StringType("friend"));
            return true;
        });

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", "p1", "3"));
        assertThat(applied).hasValue(2);
        List<LoggedRequest> secondWrite =
                ehr.findAll(putRequestedFor(urlPathEqualTo(PATIENT_PATH)).withHeader("If-Match", equalTo("W/\"2\"")));
        assertThat(secondWrite).hasSize(1);
        Patient written = fhirContext
                .newJsonParser()
                .parseResource(Patient.class, secondWrite.get(0).getBodyAsString());
        assertThat(written.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(written.getExtensionByUrl(OUR_EXTENSION)).isNotNull();
        assertThat(written.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
    }

    @Test
    void updateGivesUpWithVersionConflictWhenEveryRetryConflicts() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, patientVersion("1"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(412, outcome("conflict", "not current"))));

        assertThatThrownBy(() -> client.update(Patient.class, "p1", patient -> true))
                .isInstanceOf(EhrVersionConflict.class)
                .hasMessage("EHR kept refusing update Patient/p1 as a version conflict after 3 attempts");
        ehr.verify(3, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void treatsTheConflictStatusOfHapiJpaServersLikePreconditionFailed() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, patientVersion("1"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(409, outcome("conflict", "not current"))));

        assertThatThrownBy(() -> client.update(Patient.class, "p1", patient -> true))
                .isInstanceOf(EhrVersionConflict.class);
        ehr.verify(3, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void serverErrorWithRetryAfterSecondsIsUnavailableWithThatDelay() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhir(500, outcome("exception", "boom")).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(500);
                    assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(30));
                })
                .hasMessage("EHR unavailable for read Patient/p1: HTTP 500, retry after 30s");
    }

    @Test
    void serviceUnavailableWithRetryAfterDateIsUnavailableWithTheTimeLeft() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(503);
                    assertThat(unavailable.retryAfter())
                            .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
                });
    }

    @Test
    void tooManyRequestsIsUnavailableWithTheDelayTheEhrAskedFor() {
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, patientVersion("1"))));

        assertThatThrownBy(() -> client.update(Patient.class, "p1", patient -> true))
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(429);
                    assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(5));
                });
    }

    @Test
    void serverErrorWithoutRetryAfterIsUnavailableWithoutDelay() {
        ehr.stubFor(get(urlPathEqualTo("/fhir/Patient")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> client.search("Patient", Map.of("_lastUpdated", List.of("gt2024-01-01")))
                        .toList())
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isEqualTo(502);
                    assertThat(unavailable.retryAfter()).isEmpty();
                })
                .hasMessage("EHR unavailable for search Patient: HTTP 502");
    }

    @Test
    void readTimeoutIsUnavailable() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhir(200, patientVersion("1")).withFixedDelay(1_500)));

        assertThatThrownBy(() -> impatientClient().read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrUnavailable.class, unavailable -> {
                    assertThat(unavailable.status()).isZero();
                    assertThat(unavailable.retryAfter()).isEmpty();
                })
                .hasMessage("EHR unavailable for read Patient/p1: no HTTP response");
    }

    @Test
    void timeoutsBelongToTheConnectionNotToTheSharedFhirContext() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhir(200, patientVersion("1")).withFixedDelay(1_000)));
        EhrClient impatient = impatientClient();

        assertThat(client.read(Patient.class, "p1")).isPresent();
        assertThatThrownBy(() -> impatient.read(Patient.class, "p1")).isInstanceOf(EhrUnavailable.class);
    }

    @Test
    void connectionResetIsUnavailable() {
        ehr.stubFor(
                get(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.read(Patient.class, "p1")).isInstanceOf(EhrUnavailable.class);
    }

    @Test
    void emptyResponseIsUnavailable() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatThrownBy(() -> client.read(Patient.class, "p1")).isInstanceOf(EhrUnavailable.class);
    }

    @Test
    void connectionRefusedIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EhrClient nowhere = new EhrClient(fhirContext, EhrConnection.to("http://localhost:" + closedPort + "/fhir"));

        assertThatThrownBy(() -> nowhere.read(Patient.class, "p1"))
                .isInstanceOfSatisfying(
                        EhrUnavailable.class,
                        unavailable -> assertThat(unavailable.status()).isZero());
    }

    @Test
    void truncatedBodyIsMalformedAndTheMessageQuotesNothingOfIt() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Doe\"")));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOf(EhrResponseMalformed.class)
                .hasMessage("EHR response to read Patient/p1 is not a parseable FHIR resource");
    }

    @Test
    void htmlInsteadOfFhirIsMalformed() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Login</body></html>")));

        assertThatThrownBy(() -> client.read(Patient.class, "p1")).isInstanceOf(EhrResponseMalformed.class);
    }

    @Test
    void anotherResourceTypeThanAskedForIsMalformed() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, new Observation().setId("p1"))));

        assertThatThrownBy(() -> client.read(Patient.class, "p1")).isInstanceOf(EhrResponseMalformed.class);
    }

    @Test
    void notFoundReadsAsEmpty() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(404, outcome("not-found", "no Patient/p1"))));

        assertThat(client.read(Patient.class, "p1")).isEmpty();
    }

    @Test
    void goneReadsAsEmpty() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(410, outcome("deleted", "Patient/p1 deleted"))));

        assertThat(client.read(Patient.class, "p1")).isEmpty();
    }

    @Test
    void otherClientErrorIsRejectedWithIssueCodesButNoneOfTheEhrsFreeText() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhir(422, outcome("invalid", "Patient.name Jane Doe: family too long"))));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, patientVersion("1"))));

        assertThatThrownBy(() -> client.update(Patient.class, "p1", patient -> true))
                .isInstanceOfSatisfying(EhrRequestRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(422);
                    assertThat(rejected.diagnostics()).isEqualTo("error:invalid");
                    assertThat(rejected.isAuthenticationFailure()).isFalse();
                })
                .hasMessage("EHR rejected update Patient/p1: HTTP 422 (error:invalid)")
                .hasNoCause();
    }

    /** Gives up on a read after 300 ms, on the same shared FhirContext as {@link #client}. */
    private EhrClient impatientClient() {
        return new EhrClient(
                fhirContext,
                EhrConnection.to(ehr.baseUrl() + "/fhir").withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
    }

    private Patient patientVersion(String version) {
        Patient patient = Patients.documented("M-1");
        patient.setId("p1");
        patient.getMeta().setVersionId(version);
        return patient;
    }

    private static OperationOutcome outcome(String code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(code))
                .setDiagnostics(diagnostics);
        return outcome;
    }

    private ResponseDefinitionBuilder fhir(int status, IBaseResource body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/fhir+json;charset=utf-8")
                .withBody(fhirContext.newJsonParser().encodeResourceToString(body));
    }
}
