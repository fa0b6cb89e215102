package org.referralbridge.fhirplugin.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * {@link EhrClient#createWithId}: a create under an id of ours, repeated without a duplicate and without a search,
 * against a real HAPI FHIR JPA server; and the fall-back to a conditional create where an EHR refuses ids chosen by
 * clients (WireMock, since a real server will not refuse on demand).
 */
class EhrClientCreateWithIdIntegrationTests {

    private static final String TAG_SYSTEM = "https://referralbridge.org/fhir/CodeSystem/write-back";

    private final WireMockServer refusing = new WireMockServer(options().dynamicPort());

    @AfterEach
    void stopWireMock() {
        if (refusing.isRunning()) {
            refusing.stop();
        }
    }

    @Test
    void createsUnderOurIdOnceHoweverOftenItIsCalled() {
        HapiJpaTestServer server = HapiJpaTestServer.shared();
        EhrClient client = new EhrClient(server.fhirContext(), EhrConnection.to(server.baseUrl()));
        String tag = "write-" + UUID.randomUUID();
        String id = "rb-" + tag;

        String patient = server.client()
                .create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        CreateOutcome first = client.createWithId(provenance(tag, patient), id, "_tag=" + TAG_SYSTEM + "|" + tag);
        CreateOutcome again = client.createWithId(provenance(tag, patient), id, "_tag=" + TAG_SYSTEM + "|" + tag);

        assertThat(first.created()).isTrue();
        assertThat(first.id()).isEqualTo(id);
        assertThat(again.id()).isEqualTo(id);
        Bundle tagged = server.client()
                .search()
                .forResource(Provenance.class)
                .withTag(TAG_SYSTEM, tag)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(tagged.getEntry()).hasSize(1);
        assertThat(tagged.getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isEqualTo(id);
    }

    @Test
    void createsConditionallyWhereTheEhrRefusesIdsOfOurs() {
        refusing.start();
        refusing.stubFor(put(urlPathEqualTo("/fhir/Provenance/rb-one"))
                .willReturn(aResponse()
                        .withStatus(405)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                                + "\"code\":\"not-supported\"}]}")));
        refusing.stubFor(post(urlPathEqualTo("/fhir/Provenance"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Location", refusing.baseUrl() + "/fhir/Provenance/77/_history/1")));
        EhrClient client = new EhrClient(FhirContext.forR4Cached(), EhrConnection.to(refusing.baseUrl() + "/fhir"));

        CreateOutcome first =
                client.createWithId(provenance("write-one"), "rb-one", "_tag=" + TAG_SYSTEM + "|write-one");
        CreateOutcome second =
                client.createWithId(provenance("write-two"), "rb-two", "_tag=" + TAG_SYSTEM + "|write-two");

        assertThat(first.id()).isEqualTo("77");
        assertThat(second.id()).isEqualTo("77");
        refusing.verify(1, putRequestedFor(urlPathEqualTo("/fhir/Provenance/rb-one")));
        refusing.verify(0, putRequestedFor(urlPathEqualTo("/fhir/Provenance/rb-two")));
        refusing.verify(postRequestedFor(urlPathEqualTo("/fhir/Provenance"))
                .withHeader("If-None-Exist", equalTo("_tag=" + TAG_SYSTEM + "|write-one")));
        refusing.verify(postRequestedFor(urlPathEqualTo("/fhir/Provenance"))
                .withHeader("If-None-Exist", equalTo("_tag=" + TAG_SYSTEM + "|write-two")));
    }

    @Test
    void refusesAnIdAServerWouldTakeForOneOfItsOwn() {
        EhrClient client = new EhrClient(FhirContext.forR4Cached(), EhrConnection.to("http://127.0.0.1:1/fhir"));

        assertThatThrownBy(() -> client.createWithId(provenance("write-x"), "12345", "_tag=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all digits");
    }

    private static Provenance provenance(String tag) {
        return provenance(tag, "p1");
    }

    private static Provenance provenance(String tag, String patientId) {
        Provenance provenance = new Provenance();
        provenance.getMeta().addTag(TAG_SYSTEM, tag, null);
        provenance.addTarget(new Reference("Patient/" + patientId + "/_history/1"));
        provenance.setRecorded(new java.util.Date());
        provenance.addAgent().setWho(new Reference().setDisplay("Referral Bridge"));
        return provenance;
    }
}
