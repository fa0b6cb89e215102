package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.patientToken;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.newCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * The referrer privacy interceptor in a real HAPI FHIR JPA server with the plugin loaded by package scan: first as
 * the scan registers it (default settings: patient/ scopes, referrers never shown), then configured with a header
 * rule and {@link RecognitionConsentDisclosure}, registered in place of the default for the test.
 */
class ReferrerPrivacyIntegrationTests {

    private static final String CONTEXT_HEADER = "X-Access-Context";

    private final HapiJpaTestServer server = PluginTestServer.server();
    private final IGenericClient client = PluginTestServer.client(server);

    @Test
    void theScannedPluginHidesTheReferrerFromAPatientTokenOnly() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);

        assertThat(referrerOf(read(referredId, "Authorization", patientToken())))
                .isNull();
        assertThat(referrerOf(read(referredId, "Authorization", clinicianToken()))
                        .getReference())
                .isEqualTo("Patient/" + advocateId);
        assertThat(referrerOf(read(referredId, null, null)).getReference()).isEqualTo("Patient/" + advocateId);
        assertStoredUnchanged(referredId, advocateId);
    }

    @Test
    void hidesTheReferrerFromPatientReadsAndSearchesWithoutTheReferrersConsent() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);

        withConfiguredInterceptor(() -> {
            assertThat(referrerOf(read(referredId, CONTEXT_HEADER, "patient"))).isNull();
            assertThat(referrerOf(searchById(referredId, CONTEXT_HEADER, "patient")))
                    .isNull();
            assertThat(referrerOf(read(referredId, "Authorization", clinicianToken()))
                            .getReference())
                    .isEqualTo("Patient/" + advocateId);
            assertThat(referrerOf(searchById(referredId, "Authorization", clinicianToken()))
                            .getReference())
                    .isEqualTo("Patient/" + advocateId);
        });
        assertStoredUnchanged(referredId, advocateId);
    }

    @Test
    void showsTheReferrerWhoseRecognitionConsentCoversAConfiguredChannel() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);
        client.create()
                .resource(recognitionConsent(advocateId, Consent.ConsentProvisionType.PERMIT, "office-display"))
                .execute();

        withConfiguredInterceptor(() -> {
            assertThat(referrerOf(read(referredId, CONTEXT_HEADER, "patient")).getReference())
                    .isEqualTo("Patient/" + advocateId);
            assertThat(referrerOf(searchById(referredId, CONTEXT_HEADER, "patient"))
                            .getReference())
                    .isEqualTo("Patient/" + advocateId);
        });
    }

    @Test
    void aConsentForOtherChannelsOrALaterDenyHidesTheReferrer() {
        String newsletterOnly = create(advocate(newCode()));
        String referredByNewsletterOnly = createReferredBy(newsletterOnly);
        client.create()
                .resource(recognitionConsent(newsletterOnly, Consent.ConsentProvisionType.PERMIT, "newsletter"))
                .execute();
        String withdrew = create(advocate(newCode()));
        String referredByWithdrew = createReferredBy(withdrew);
        Consent permit = recognitionConsent(withdrew, Consent.ConsentProvisionType.PERMIT, "office-display");
        permit.setDateTime(new Date(System.currentTimeMillis() - 86_400_000L));
        client.create().resource(permit).execute();
        client.create()
                .resource(recognitionConsent(withdrew, Consent.ConsentProvisionType.DENY, "office-display"))
                .execute();

        withConfiguredInterceptor(() -> {
            assertThat(referrerOf(read(referredByNewsletterOnly, CONTEXT_HEADER, "patient")))
                    .isNull();
            assertThat(referrerOf(read(referredByWithdrew, CONTEXT_HEADER, "patient")))
                    .isNull();
        });
    }

    @Test
    void hidesTheReferrerOfAnIncludedPatientToo() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);

        withConfiguredInterceptor(() -> {
            Bundle found = client.search()
                    .forResource(Provenance.class)
                    .where(new ReferenceClientParam(Provenance.SP_TARGET).hasId("Patient/" + referredId))
                    .include(Provenance.INCLUDE_TARGET)
                    .withAdditionalHeader(CONTEXT_HEADER, "patient")
                    .returnBundle(Bundle.class)
                    .execute();

            List<Bundle.BundleEntryComponent> included = found.getEntry().stream()
                    .filter(entry -> entry.getResource() instanceof Patient)
                    .toList();
            assertThat(included).hasSize(1);
            assertThat(included.get(0).getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
            assertThat(referrerOf((Patient) included.get(0).getResource())).isNull();
        });
        assertStoredUnchanged(referredId, advocateId);
    }

    @Test
    void hidesTheReferrerInHistoryAndEverythingToo() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);

        withConfiguredInterceptor(() -> {
            Bundle history = client.history()
                    .onInstance(new IdType("Patient", referredId))
                    .returnBundle(Bundle.class)
                    .withAdditionalHeader(CONTEXT_HEADER, "patient")
                    .execute();
            Parameters everything = client.operation()
                    .onInstance(new IdType("Patient", referredId))
                    .named("$everything")
                    .withNoParameters(Parameters.class)
                    .withAdditionalHeader(CONTEXT_HEADER, "patient")
                    .execute();

            assertThat(patientsIn(history))
                    .hasSize(1)
                    .allSatisfy(patient -> assertThat(referrerOf(patient)).isNull());
            Bundle everythingBundle = (Bundle) everything.getParameterFirstRep().getResource();
            assertThat(patientsIn(everythingBundle))
                    .extracting(patient -> patient.getIdElement().getIdPart())
                    .contains(referredId);
            assertThat(patientsIn(everythingBundle))
                    .allSatisfy(patient -> assertThat(referrerOf(patient)).isNull());
        });
    }

    private static List<Patient> patientsIn(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .toList();
    }

    /** Runs {@code check} with the configured interceptor in place of the one the package scan registered. */
    private void withConfiguredInterceptor(Runnable check) {
        ReferrerPrivacyInterceptor scanned = server.bean(ReferrerPrivacyInterceptor.class);
        ReferrerPrivacyInterceptor configured = new ReferrerPrivacyInterceptor(
                ReferrerPrivacySettings.defaults().withPatientHeader(CONTEXT_HEADER, "patient"),
                new RecognitionConsentDisclosure(server.bean(DaoRegistry.class), Set.of("office-display")),
                server.bean(DisclosureAudit.class));
        server.unregisterInterceptor(scanned);
        server.registerInterceptor(configured);
        try {
            check.run();
        } finally {
            server.unregisterInterceptor(configured);
            server.registerInterceptor(scanned);
        }
    }

    private void assertStoredUnchanged(String referredId, String advocateId) {
        Patient stored = server.bean(DaoRegistry.class)
                .getResourceDao(Patient.class)
                .read(new IdType("Patient", referredId), new SystemRequestDetails());
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
        assertThat(referrerOf(stored).getReference()).isEqualTo("Patient/" + advocateId);
    }

    private String createReferredBy(String advocateId) {
        Patient advocate =
                client.read().resource(Patient.class).withId(advocateId).execute();
        String code = advocate.getExtensionByUrl(org.referralbridge.conformance.Canonicals.ReferralAdvocate.URL)
                .getExtensionByUrl(org.referralbridge.conformance.Canonicals.ReferralAdvocate.CODE)
                .getValue()
                .primitiveValue();
        String referredId = create(referredWithCode(code));
        assertThat(referrerOf(read(referredId, null, null)).getReference())
                .as("linked by the plugin at create")
                .isEqualTo("Patient/" + advocateId);
        return referredId;
    }

    private static Consent recognitionConsent(String advocateId, Consent.ConsentProvisionType type, String channel) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, Consents.SCOPE, null)));
        consent.addCategory(
                new CodeableConcept(new Coding(Consents.KIND_CODE_SYSTEM, ReferrerRecognitionConsent.CATEGORY, null)));
        consent.setPatient(new Reference("Patient/" + advocateId));
        consent.setDateTime(new Date());
        consent.addPolicy().setUri(ReferrerRecognitionConsent.POLICY);
        consent.getProvision()
                .setType(type)
                .addCode(
                        new CodeableConcept(new Coding(ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM, channel, null)));
        return consent;
    }

    private String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }

    private Patient read(String id, String header, String value) {
        var read = client.read().resource(Patient.class).withId(id);
        return header == null
                ? read.execute()
                : read.withAdditionalHeader(header, value).execute();
    }

    private Patient searchById(String id, String header, String value) {
        Bundle found = client.search()
                .forResource(Patient.class)
                .where(Patient.RES_ID.exactly().code(id))
                .withAdditionalHeader(header, value)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        return (Patient) found.getEntry().get(0).getResource();
    }
}
