package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.testehr.HapiJpaTestServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against a real HAPI FHIR JPA server (in-process, H2, subscriptions on, real rest-hook delivery over
 * HTTP), as in production: the service registers its Subscriptions there, the JPA server notifies it (on its own
 * ~5 s schedule), and the service writes back with version checks.
 */
@IntegrationTest
class HapiJpaServerIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    IGenericClient ehr;
    AdminApi api;

    @DynamicPropertySource
    static void theJpaServerIsTheEhr(DynamicPropertyRegistry registry) {
        registry.add(
                "referralbridge.ehr.base-url", () -> HapiJpaTestServer.shared().baseUrl());
        registry.add("referralbridge.sandbox.enabled", () -> "false");
    }

    @BeforeEach
    void subscriptionsActive() {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ehr = fhirContext.newRestfulGenericClient(HapiJpaTestServer.shared().baseUrl());
        api = new AdminApi(port);
        // the JPA server activates requested Subscriptions on its own schedule; changes before that are not notified
        await().atMost(WAIT)
                .until(() -> ourSubscriptions().stream()
                                .allMatch(s -> s.getStatus() == Subscription.SubscriptionStatus.ACTIVE)
                        && ourSubscriptions().size() == EhrSubscriptions.CRITERIA.size());
    }

    @Test
    void linksANewPatientWithACodeAndWritesTheReferrerBack() {
        String advocate = create(Patients.existing("JpaAdvocate"));
        String code = api.enrol(advocate);
        String referred = create(Patients.referredWithCode("JpaReferred", code));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referred)).isNotNull());
        assertThat(api.referralOf(referred)).containsEntry("status", "LINKED");
        Patient written = await().atMost(WAIT)
                .until(() -> patient(referred), p -> "2".equals(p.getMeta().getVersionId()));
        Extension source = written.getExtensionByUrl(ReferralSource.URL);
        assertThat(((Reference) source.getExtensionByUrl(ReferralSource.REFERRER)
                                .getValue())
                        .getReference())
                .isEqualTo("Patient/" + advocate);
        assertThat(written.getExtensionByUrl(Patients.FOREIGN_EXTENSION)).isNotNull();
        assertThat(written.getText().getDivAsString()).contains("JpaReferred");
        Patient advocatePatient = await().atMost(WAIT)
                .until(() -> patient(advocate), p -> p.getExtensionByUrl(Canonicals.ReferralAdvocate.URL) != null);
        assertThat(advocatePatient
                        .getExtensionByUrl(Canonicals.ReferralAdvocate.URL)
                        .getExtensionByUrl(Canonicals.ReferralAdvocate.CODE)
                        .getValue()
                        .primitiveValue())
                .isEqualTo(code);
    }

    @Test
    void seesAFinishedEncounterOfAReferredPatient() {
        String code = api.enrol(create(Patients.existing("JpaVisited")));
        String referred = create(Patients.referredWithCode("JpaVisitor", code));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referred)).isNotNull());

        String encounter = ehr.create()
                .resource(Patients.finishedEncounter(referred, "2026-05-04T09:30:00Z"))
                .execute()
                .getId()
                .getIdPart();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referred))
                        .containsEntry("firstEncounterId", encounter)
                        .containsEntry("firstEncounterAt", "2026-05-04T09:30:00Z"));
    }

    @Test
    void findsAFinishedEncounterThatCameBeforeTheCodeInALaterPatientVersion() {
        String code = api.enrol(create(Patients.existing("JpaEarlyAdvocate")));
        String patient = create(Patients.existing("JpaEarlyVisitor"));
        String encounter = ehr.create()
                .resource(Patients.finishedEncounter(patient, "2026-05-03T08:00:00Z"))
                .execute()
                .getId()
                .getIdPart();

        Patient withCode = patient(patient);
        withCode.addExtension(Patients.referredWithCode("x", code).getExtensionByUrl(ReferralSource.URL));
        ehr.update().resource(withCode).execute();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(patient))
                        .containsEntry("status", "LINKED")
                        .containsEntry("firstEncounterId", encounter)
                        .containsEntry("firstEncounterAt", "2026-05-03T08:00:00Z"));
    }

    private List<Subscription> ourSubscriptions() {
        Bundle found = ehr.search()
                .forResource(Subscription.class)
                .withTag(Canonicals.SERVICE_IDENTIFIER_SYSTEM, "subscription")
                .returnBundle(Bundle.class)
                .execute();
        String endpoint = "http://localhost:" + port + "/fhir/notify";
        return found.getEntry().stream()
                .map(entry -> (Subscription) entry.getResource())
                .filter(subscription ->
                        endpoint.equals(subscription.getChannel().getEndpoint()))
                .toList();
    }

    private String create(Patient patient) {
        return ehr.create().resource(patient).execute().getId().getIdPart();
    }

    private Patient patient(String id) {
        return ehr.read().resource(Patient.class).withId(id).execute();
    }
}
