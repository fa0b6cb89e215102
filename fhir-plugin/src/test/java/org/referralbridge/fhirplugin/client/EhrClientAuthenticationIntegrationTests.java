package org.referralbridge.fhirplugin.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.client.SmartBackendTokensIntegrationTests.TOKEN_PATH;
import static org.referralbridge.fhirplugin.client.SmartBackendTokensIntegrationTests.atOnce;
import static org.referralbridge.fhirplugin.client.SmartBackendTokensIntegrationTests.token;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the client does with credentials, and with a 401, against a WireMock EHR and authorization server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EhrClientAuthenticationIntegrationTests {

    private static final String PATIENT_PATH = "/fhir/Patient/p1";

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private final WireMockServer ehr = new WireMockServer(options().dynamicPort());
    private Path pem;

    @BeforeAll
    void start(@TempDir Path dir) {
        ehr.start();
        pem = TestKeys.pkcs8Pem(dir, TestKeys.ecP384().getPrivate());
    }

    @AfterAll
    void stop() {
        ehr.stop();
    }

    @BeforeEach
    void forgetStubs() {
        ehr.resetAll();
    }

    @Test
    void sendsTheSmartAccessTokenAsBearerToken() {
        stubTokensInTurn("t1");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(fhir(200, patient("1"))));

        assertThat(smartClient().read(Patient.class, "p1")).isPresent();
    }

    @Test
    void renewsTheTokenOnceAfterA401AndRepeatsTheRead() {
        stubTokensInTurn("t1", "t2");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized()));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(fhir(200, patient("1"))));

        Optional<Patient> read = smartClient().read(Patient.class, "p1");

        assertThat(read)
                .hasValueSatisfying(patient ->
                        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("M-1"));
        ehr.verify(2, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        ehr.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void repeatsAVersionCheckedWriteWithTheSameBodyAndIfMatch() {
        stubTokensInTurn("t1", "t2");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(200, patient("4"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized()));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .withHeader("If-Match", equalTo("W/\"4\""))
                .willReturn(fhir(200, patient("5"))));

        WriteOutcome outcome = smartClient().update(Patient.class, "p1", patient -> {
            patient.setActive(true);
            return true;
        });

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", "p1", "5"));
        List<LoggedRequest> writes = ehr.findAll(putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).getBodyAsString()).isEqualTo(writes.get(0).getBodyAsString());
        assertThat(fhirContext
                        .newJsonParser()
                        .parseResource(Patient.class, writes.get(1).getBodyAsString())
                        .getActive())
                .isTrue();
    }

    @Test
    void repeatsAConditionalCreateWithItsCondition() {
        stubTokensInTurn("t1", "t2");
        ehr.stubFor(post(urlPathEqualTo("/fhir/Patient"))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized()));
        ehr.stubFor(post(urlPathEqualTo("/fhir/Patient"))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .withHeader("If-None-Exist", equalTo("identifier=urn:mrn|M-1"))
                .willReturn(
                        fhir(201, patient("1")).withHeader("Location", ehr.baseUrl() + "/fhir/Patient/p1/_history/1")));

        CreateOutcome outcome = smartClient().create(patient(null), "identifier=urn:mrn|M-1");

        assertThat(outcome).isEqualTo(new CreateOutcome(true, "Patient", "p1", "1"));
        ehr.verify(2, postRequestedFor(urlPathEqualTo("/fhir/Patient")));
    }

    @Test
    void repeatsTheFetchOfANextSearchPage() {
        stubTokensInTurn("t1", "t2");
        Bundle first = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        first.addEntry().setResource(patient("1"));
        first.addLink().setRelation(Bundle.LINK_NEXT).setUrl(ehr.baseUrl() + "/fhir?_getpages=abc&_getpagesoffset=1");
        Bundle second = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        second.addEntry().setResource(patient("2"));
        ehr.stubFor(get(urlPathEqualTo("/fhir/Patient")).willReturn(fhir(200, first)));
        ehr.stubFor(get(urlPathEqualTo("/fhir"))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized()));
        ehr.stubFor(get(urlPathEqualTo("/fhir"))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(fhir(200, second)));

        List<IBaseResource> found = smartClient().search("Patient", Map.of()).toList();

        assertThat(found).hasSize(2);
        ehr.verify(2, getRequestedFor(urlPathEqualTo("/fhir")));
    }

    @Test
    void rejectsWhenTheRenewedTokenIsRefusedToo() {
        stubTokensInTurn("t1", "t2", "t3");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));

        assertThatThrownBy(() -> smartClient().read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrRequestRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(401);
                    assertThat(rejected.isAuthenticationFailure()).isTrue();
                })
                .hasMessage("EHR rejected read Patient/p1: HTTP 401 (a freshly obtained access token was refused too)");
        ehr.verify(2, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        ehr.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void rejectsARefusedStaticBearerTokenWithoutRepeatingTheRequest() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));
        EhrClient client = client(EhrAuth.bearer("static-s3cret"));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrRequestRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(401);
                    assertThat(rejected.isAuthenticationFailure()).isTrue();
                })
                .hasMessage("EHR rejected read Patient/p1: HTTP 401 (static bearer token refused, and it cannot be"
                        + " renewed)");
        ehr.verify(1, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void rejectsRefusedBasicCredentialsWithoutRepeatingTheRequest() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));
        EhrClient client = client(EhrAuth.basic("bridge", "b4sic-s3cret"));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOf(EhrRequestRejected.class)
                .hasMessage("EHR rejected read Patient/p1: HTTP 401 (basic credentials refused)");
        ehr.verify(1, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void saysSoWhenTheEhrWantsCredentialsAndNoneAreConfigured() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));
        EhrClient client = client(EhrAuth.none());

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOf(EhrRequestRejected.class)
                .hasMessage("EHR rejected read Patient/p1: HTTP 401 (the EHR requires authentication and none is"
                        + " configured)");
    }

    @Test
    void givesATokenProviderThatCanRenewOneRepeat() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(unauthorized()));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(fhir(200, patient("1"))));
        AtomicReference<String> current = new AtomicReference<>("old");
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return current.get();
            }

            @Override
            public void invalidate(String rejectedToken) {
                if (current.get().equals(rejectedToken)) {
                    current.set("new");
                }
            }
        };

        assertThat(client(EhrAuth.tokens(provider)).read(Patient.class, "p1")).isPresent();
        ehr.verify(2, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void rejectsAfterOneRequestWhenTheTokenProviderHasNoOtherToken() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));
        EhrClient client = client(EhrAuth.tokens(() -> "only-s3cret"));

        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .isInstanceOf(EhrRequestRejected.class)
                .hasMessage("EHR rejected read Patient/p1: HTTP 401 (access token refused, and the token provider"
                        + " has no other)");
        ehr.verify(1, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void anUnavailableEhrOnTheRepeatIsUnavailableWithItsRetryAfter() {
        stubTokensInTurn("t1", "t2");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized()));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> smartClient().read(Patient.class, "p1"))
                .isInstanceOf(EhrUnavailable.class)
                .hasMessage("EHR unavailable for read Patient/p1: HTTP 503, retry after 7s");
    }

    @Test
    void aRefusedTokenRequestFailsTheReadWithoutCallingTheEhr() {
        ehr.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> smartClient().read(Patient.class, "p1"))
                .isInstanceOfSatisfying(EhrRequestRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(401);
                    assertThat(rejected.diagnostics()).isEqualTo("invalid_client");
                    assertThat(rejected.isAuthenticationFailure()).isTrue();
                })
                .hasMessage("EHR rejected SMART token request: HTTP 401 (invalid_client)");
        ehr.verify(0, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void anUnavailableTokenEndpointMakesTheReadUnavailable() {
        ehr.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> smartClient().read(Patient.class, "p1"))
                .isInstanceOfSatisfying(
                        EhrUnavailable.class,
                        unavailable -> assertThat(unavailable.status()).isEqualTo(503));
        ehr.verify(0, getRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void parallelReadsShareOneTokenAndOneRenewalWhenAllAreRefusedAtOnce() throws Exception {
        stubTokensInTurn("t1", "t2", "t3");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(unauthorized().withFixedDelay(200)));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(fhir(200, patient("1"))));
        EhrClient client = smartClient();

        List<Object> results = atOnce(8, () -> client.read(Patient.class, "p1"));

        assertThat(results)
                .hasSize(8)
                .allSatisfy(result -> assertThat(result)
                        .isInstanceOfSatisfying(
                                Optional.class, read -> assertThat(read).isPresent()));
        ehr.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aFailureMessageNeverCarriesTheTokenOrTheAssertion() {
        stubTokensInTurn("t0ken-one", "t0ken-two");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(unauthorized()));

        assertThatThrownBy(() -> smartClient().read(Patient.class, "p1"))
                .isInstanceOf(EhrRequestRejected.class)
                .hasMessageNotContaining("t0ken")
                .hasMessageNotContaining("eyJ")
                .hasNoCause();
    }

    private EhrClient smartClient() {
        SmartBackendAuth auth = EhrAuth.smartBackend("bridge-client", KeySource.pemFile(pem), "ec-key")
                .withTokenEndpoint(URI.create(ehr.baseUrl() + TOKEN_PATH));
        return new EhrClient(
                fhirContext,
                EhrConnection.to(ehr.baseUrl() + "/fhir").withAuth(auth),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    private EhrClient client(EhrAuth auth) {
        return new EhrClient(
                fhirContext, EhrConnection.to(ehr.baseUrl() + "/fhir").withAuth(auth));
    }

    private void stubTokensInTurn(String... values) {
        String state = Scenario.STARTED;
        for (int i = 0; i < values.length; i++) {
            String next = "token " + (i + 2);
            ehr.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                    .inScenario("tokens")
                    .whenScenarioStateIs(state)
                    .willReturn(token(values[i], 300))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static Patient patient(String version) {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem("urn:mrn").setValue("M-1"));
        if (version != null) {
            patient.setId("p1");
            patient.getMeta().setVersionId(version);
        }
        return patient;
    }

    private static ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private ResponseDefinitionBuilder fhir(int status, IBaseResource body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/fhir+json;charset=utf-8")
                .withBody(fhirContext.newJsonParser().encodeResourceToString(body));
    }
}
