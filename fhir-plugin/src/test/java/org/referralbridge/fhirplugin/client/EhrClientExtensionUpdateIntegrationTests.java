package org.referralbridge.fhirplugin.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link EhrClient#updateExtension} where a real server will not behave so on demand: values HAPI refuses, no
 * version, a version only in the ETag, conflicts, a CapabilityStatement offering JSON Patch. Served by WireMock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EhrClientExtensionUpdateIntegrationTests {

    private static final String OURS = EhrClientJpaServerIntegrationTests.OUR_EXTENSION;
    private static final String PATIENT_PATH = "/fhir/Patient/p1";

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer ehr = new WireMockServer(options().dynamicPort());
    private EhrClient client;

    @BeforeAll
    void startEhr() {
        ehr.start();
    }

    @AfterAll
    void stopEhr() {
        ehr.stop();
    }

    @BeforeEach
    void freshClientAndStubs() {
        ehr.resetAll();
        // a client per test: each reads the CapabilityStatement (404 here unless stubbed: no PATCH) once
        client = new EhrClient(
                fhirContext, EhrConnection.to(ehr.baseUrl() + "/fhir").withMaxVersionConflictRetries(2));
    }

    @Test
    void writesOurExtensionOntoAPatientWhoseOtherValuesHapiRefuses() throws Exception {
        ObjectNode patient = patient("4");
        patient.put("gender", "robot").put("birthDate", "1980-02-30");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient)));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient("5"))));
        assertThatThrownBy(() -> client.read(Patient.class, "p1"))
                .as("HAPI's model cannot even read it")
                .isInstanceOf(EhrResponseMalformed.class);

        WriteOutcome outcome = client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A")));

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", "p1", "5"));
        LoggedRequest written = single(putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        assertThat(written.getHeader("If-Match")).isEqualTo("W/\"4\"");
        JsonNode body = json.readTree(written.getBodyAsString());
        assertThat(RichPatients.withoutMetaAndExtension(body, OURS))
                .isEqualTo(RichPatients.withoutMetaAndExtension(patient, OURS));
        assertThat(RichPatients.extensions(body, OURS)).containsExactly(ours("A"));
    }

    @Test
    void takesTheVersionFromTheETagWhenTheResourceCarriesNone() {
        ObjectNode patient = patient(null);
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhirJson(200, patient).withHeader("ETag", "W/\"9\"")));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "W/\"10\"")));

        WriteOutcome outcome = client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A")));

        assertThat(outcome.versionId()).isEqualTo("10");
        assertThat(single(putRequestedFor(urlPathEqualTo(PATIENT_PATH))).getHeader("If-Match"))
                .isEqualTo("W/\"9\"");
    }

    @Test
    void refusesToWriteWithoutAVersionToCheck() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient(null))));

        assertThatThrownBy(() -> client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A"))))
                .isInstanceOf(EhrWriteRefused.class)
                .hasMessage("Refused to update Patient/p1: the EHR reports no version of it (neither meta.versionId"
                        + " nor an ETag), and a write without a version check could overwrite a concurrent change");
        ehr.verify(0, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        ehr.verify(0, patchRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void reReadsAfterAConflictAndChangesTheNewVersion() throws Exception {
        ObjectNode changedElsewhere = patient("2").put("gender", "female");
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("conflict")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhirJson(200, patient("1"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("If-Match", equalTo("W/\"1\""))
                .willReturn(aResponse().withStatus(412))
                .inScenario("conflict")
                .willSetStateTo("changed elsewhere"));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("conflict")
                .whenScenarioStateIs("changed elsewhere")
                .willReturn(fhirJson(200, changedElsewhere)));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH))
                .withHeader("If-Match", equalTo("W/\"2\""))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Location", ehr.baseUrl() + PATIENT_PATH + "/_history/3")));

        WriteOutcome outcome = client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A")));

        assertThat(outcome.versionId()).isEqualTo("3");
        LoggedRequest second = ehr.findAll(
                        putRequestedFor(urlPathEqualTo(PATIENT_PATH)).withHeader("If-Match", equalTo("W/\"2\"")))
                .get(0);
        assertThat(json.readTree(second.getBodyAsString()).path("gender").asText())
                .isEqualTo("female");
    }

    @Test
    void givesUpWithAVersionConflictWhenEveryAttemptConflicts() {
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient("1"))));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withStatus(409)));

        assertThatThrownBy(() -> client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A"))))
                .isInstanceOf(EhrVersionConflict.class)
                .hasMessage("EHR kept refusing update Patient/p1 as a version conflict after 3 attempts");
        ehr.verify(3, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void sendsAJsonPatchOfOurExtensionOnlyWhereTheCapabilityStatementOffersIt() throws Exception {
        ehr.stubFor(get(urlPathEqualTo("/fhir/metadata")).willReturn(fhirJson(200, capabilities())));
        ObjectNode patient = patient("7");
        patient.withArray("extension").add(ours("old"));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient)));
        ehr.stubFor(patch(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient("8"))));

        client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("new")));
        client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("newer")));

        List<LoggedRequest> patches = ehr.findAll(patchRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        assertThat(patches).hasSize(2);
        assertThat(patches.get(0).getHeader("Content-Type")).startsWith("application/json-patch+json");
        assertThat(patches.get(0).getHeader("If-Match")).isEqualTo("W/\"7\"");
        assertThat(json.readTree(patches.get(0).getBodyAsString()))
                .isEqualTo(json.readTree("""
                        [{"op":"test","path":"/extension/2/url","value":"%s"},
                         {"op":"replace","path":"/extension/2","value":%s}]""".formatted(OURS, json.writeValueAsString(ours("new")))));
        ehr.verify(1, anyRequestedFor(urlPathEqualTo("/fhir/metadata")));
        ehr.verify(0, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    @Test
    void writesTheWholeResourceWhenTheEhrRefusesThePatchItOffered() {
        ehr.stubFor(get(urlPathEqualTo("/fhir/metadata")).willReturn(fhirJson(200, capabilities())));
        ehr.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient("1"))));
        ehr.stubFor(patch(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withStatus(415)));
        ehr.stubFor(put(urlPathEqualTo(PATIENT_PATH)).willReturn(fhirJson(200, patient("2"))));

        WriteOutcome outcome = client.updateExtension("Patient", "p1", OURS, current -> Optional.of(ours("A")));

        assertThat(outcome.versionId()).isEqualTo("2");
        ehr.verify(1, patchRequestedFor(urlPathEqualTo(PATIENT_PATH)));
        ehr.verify(1, putRequestedFor(urlPathEqualTo(PATIENT_PATH)));
    }

    private ObjectNode patient(String version) {
        ObjectNode patient = RichPatients.json(UUID.randomUUID().toString());
        patient.put("id", "p1");
        if (version != null) {
            patient.putObject("meta").put("versionId", version);
        }
        return patient;
    }

    private ObjectNode capabilities() {
        ObjectNode statement = json.createObjectNode().put("resourceType", "CapabilityStatement");
        statement.putArray("patchFormat").add("application/fhir+json").add("application/json-patch+json");
        ObjectNode resource = statement
                .putArray("rest")
                .addObject()
                .put("mode", "server")
                .putArray("resource")
                .addObject();
        resource.put("type", "Patient");
        resource.putArray("interaction")
                .add(json.createObjectNode().put("code", "read"))
                .add(json.createObjectNode().put("code", "patch"));
        return statement;
    }

    private ObjectNode ours(String code) {
        ObjectNode extension = json.createObjectNode().put("url", OURS);
        extension.putArray("extension").addObject().put("url", "code").put("valueString", code);
        return extension;
    }

    private LoggedRequest single(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = ehr.findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private ResponseDefinitionBuilder fhirJson(int status, JsonNode body) {
        try {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/fhir+json;charset=utf-8")
                    .withBody(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
