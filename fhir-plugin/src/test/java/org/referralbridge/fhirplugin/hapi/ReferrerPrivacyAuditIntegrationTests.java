package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.bearerWithClaims;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.newCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * The disclosure audit in a real HAPI FHIR JPA server with the plugin loaded by package scan: each patient-facing
 * decision becomes one AuditEvent in the same server, written in the background. Every test works on Patients of its
 * own and finds their AuditEvents by entity, so the AuditEvents of other tests on the shared server do not count.
 */
class ReferrerPrivacyAuditIntegrationTests {

    private static final String CONTEXT_HEADER = "X-Access-Context";
    private static final Duration WRITTEN = Duration.ofSeconds(10);
    /** Built once: it takes seconds. */
    private static ConformanceValidator validator;

    private final HapiJpaTestServer server = PluginTestServer.server();
    private final IGenericClient client = PluginTestServer.client(server);
    private final DaoRegistry daos = server.bean(DaoRegistry.class);

    @Test
    void aPatientReadOfAReferredPatientIsAuditedAsRedactedOnce() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);

        Patient shown = client.read()
                .resource(Patient.class)
                .withId(referredId)
                .withAdditionalHeader("Authorization", patientToken("patient-user-" + referredId))
                .execute();

        assertThat(referrerOf(shown)).isNull();
        AuditEvent event = theOnlyAuditEventOf(referredId);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("referrer.redacted");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(event.getOutcomeDesc()).isEqualTo(ReferrerDisclosure.Decision.NO_CONSENT_RULE);
        assertThat(entities(event)).containsExactly("Patient/" + referredId, "Patient/" + advocateId);
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue())
                .isEqualTo("patient-user-" + referredId);
        assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isNotBlank();
        assertNoNames(event);
        assertValid(event);
    }

    @Test
    void aDisclosureOnAPermittingRecognitionConsentIsAuditedWithThatConsent() {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);
        String consentId = client.create()
                .resource(recognitionConsent(advocateId))
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();

        withConfiguredInterceptor(() -> assertThat(referrerOf(client.read()
                        .resource(Patient.class)
                        .withId(referredId)
                        .withAdditionalHeader(CONTEXT_HEADER, "patient")
                        .execute()))
                .isNotNull());

        AuditEvent event = theOnlyAuditEventOf(referredId);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("referrer.disclosed");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getOutcomeDesc()).isEqualTo(ReferrerDisclosure.Decision.RECOGNITION_CONSENT);
        assertThat(entities(event)).containsExactly("Patient/" + referredId, "Patient/" + advocateId, consentId);
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue())
                .as("a header rule, no token")
                .isEqualTo(DisclosureDecision.ANONYMOUS);
        assertNoNames(event);
        assertValid(event);
    }

    @Test
    void aClinicianReadIsNoDisclosureDecision() {
        String advocateId = create(advocate(newCode()));
        String readByClinician = createReferredBy(advocateId);
        String readByPatient = createReferredBy(advocateId);

        client.read()
                .resource(Patient.class)
                .withId(readByClinician)
                .withAdditionalHeader("Authorization", clinicianToken())
                .execute();
        // one writer thread, in order: once the later patient read is audited, the clinician read would have been too
        client.read()
                .resource(Patient.class)
                .withId(readByPatient)
                .withAdditionalHeader("Authorization", patientToken("patient-user-" + readByPatient))
                .execute();

        theOnlyAuditEventOf(readByPatient);
        assertThat(auditEventsOf(readByClinician)).isEmpty();
    }

    private AuditEvent theOnlyAuditEventOf(String patientId) {
        await().atMost(WRITTEN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !auditEventsOf(patientId).isEmpty());
        List<AuditEvent> events = auditEventsOf(patientId);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private List<AuditEvent> auditEventsOf(String patientId) {
        SearchParameterMap search = SearchParameterMap.newSynchronous()
                .add(AuditEvent.SP_ENTITY, new ReferenceParam("Patient/" + patientId));
        return daos.getResourceDao(AuditEvent.class).searchForResources(search, new SystemRequestDetails()).stream()
                .map(AuditEvent.class::cast)
                .toList();
    }

    private static List<String> entities(AuditEvent event) {
        return event.getEntity().stream()
                .map(entity -> entity.getWhat().getReference())
                .toList();
    }

    /** The fixtures' advocates and referred patients are named; their AuditEvents must not be. */
    private void assertNoNames(AuditEvent event) {
        String json = server.fhirContext().newJsonParser().encodeResourceToString(event);
        assertThat(json).doesNotContain("Rivera", "Ana", "Moreau", "Jules");
        assertThat(event.getAgentFirstRep().getWho().hasDisplay()).isFalse();
    }

    private void assertValid(AuditEvent event) {
        assertThat(event.getMeta().hasProfile(ReferralBridgeAuditEvent.URL)).isTrue();
        ValidationReport report = validator().validate(event);
        assertThat(report.errors()).as(report.summary()).isEmpty();
    }

    private ConformanceValidator validator() {
        synchronized (ReferrerPrivacyAuditIntegrationTests.class) {
            if (validator == null) {
                validator = new ConformanceValidator(
                        server.fhirContext(), ConformancePackage.loadFromClasspath(server.fhirContext()));
            }
            return validator;
        }
    }

    /** A patient app's token whose subject is {@code subject}. */
    private static String patientToken(String subject) {
        return bearerWithClaims(
                "{\"sub\":\"" + subject + "\",\"scope\":\"launch/patient openid patient/Patient.read\"}");
    }

    /** Runs {@code check} with a header rule and the recognition consent in place of the scanned interceptor. */
    private void withConfiguredInterceptor(Runnable check) {
        ReferrerPrivacyInterceptor scanned = server.bean(ReferrerPrivacyInterceptor.class);
        ReferrerPrivacyInterceptor configured = new ReferrerPrivacyInterceptor(
                ReferrerPrivacySettings.defaults().withPatientHeader(CONTEXT_HEADER, "patient"),
                new RecognitionConsentDisclosure(daos, Set.of("office-display")),
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

    private String createReferredBy(String advocateId) {
        Patient advocate =
                client.read().resource(Patient.class).withId(advocateId).execute();
        String code = advocate.getExtensionByUrl(ReferralAdvocate.URL)
                .getExtensionByUrl(ReferralAdvocate.CODE)
                .getValue()
                .primitiveValue();
        String referredId = create(referredWithCode(code));
        Patient stored =
                client.read().resource(Patient.class).withId(referredId).execute();
        assertThat(referrerOf(stored).getReference()).as("linked at create").isEqualTo("Patient/" + advocateId);
        return referredId;
    }

    private static Consent recognitionConsent(String advocateId) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, Consents.SCOPE, null)));
        consent.addCategory(
                new CodeableConcept(new Coding(Consents.KIND_CODE_SYSTEM, ReferrerRecognitionConsent.CATEGORY, null)));
        consent.setPatient(new Reference("Patient/" + advocateId));
        consent.setDateTime(new Date());
        consent.addPolicy().setUri(ReferrerRecognitionConsent.POLICY);
        consent.getProvision()
                .setType(Consent.ConsentProvisionType.PERMIT)
                .addCode(new CodeableConcept(
                        new Coding(ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM, "office-display", null)));
        return consent;
    }

    private String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }
}
