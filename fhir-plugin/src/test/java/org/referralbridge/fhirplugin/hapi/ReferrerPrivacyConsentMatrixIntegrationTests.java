package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.patientToken;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralDisclosureConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * The "fields redacted" part of the consent matrix: for each combination of the three consents (present, absent,
 * revoked) in a real HAPI FHIR JPA server with the plugin, what a patient-facing read of the referred Patient shows of
 * its referrer, and what the audit records. Specified: with the package's default (no consent rule) the referrer is
 * always hidden from the referred patient; with the opt-in recognition rule ({@code office-display}) it is shown
 * exactly when the referrer's recognition consent is present (active, permit), whatever the other two consents say;
 * a clinician always sees it. Each hidden or shown referrer is one AuditEvent naming the consent that allowed it.
 */
class ReferrerPrivacyConsentMatrixIntegrationTests {

    private static final String CONTEXT_HEADER = "X-Access-Context";

    enum State {
        PRESENT,
        ABSENT,
        REVOKED
    }

    private final HapiJpaTestServer server = PluginTestServer.server();
    private final IGenericClient client = PluginTestServer.client(server);
    private final DaoRegistry daos = server.bean(DaoRegistry.class);

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (State disclosure : State.values()) {
            for (State recognition : State.values()) {
                for (State messages : State.values()) {
                    all.add(Arguments.of(disclosure, recognition, messages));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "disclosure {0}, recognition {1}, messages {2}")
    @MethodSource("combinations")
    void theReferrerIsShownToTheReferredPatientOnlyAsTheRecognitionConsentSays(
            State disclosure, State recognition, State messages) {
        String advocateId = create(advocate(newCode()));
        String referredId = createReferredBy(advocateId);
        give(disclosure, disclosureConsent(referredId, advocateId));
        String recognitionId = give(recognition, recognitionConsent(advocateId));
        give(messages, messagesConsent(advocateId));

        Patient byDefault = client.read()
                .resource(Patient.class)
                .withId(referredId)
                .withAdditionalHeader("Authorization", patientToken())
                .execute();
        Patient byRecognitionRule = withRecognitionRule(() -> readAsPatient(referredId));
        Patient byClinician = client.read()
                .resource(Patient.class)
                .withId(referredId)
                .withAdditionalHeader("Authorization", clinicianToken())
                .execute();

        assertThat(referrerOf(byDefault)).as("the default hides every referrer").isNull();
        if (recognition == State.PRESENT) {
            assertThat(referrerOf(byRecognitionRule).getReference()).isEqualTo("Patient/" + advocateId);
        } else {
            assertThat(referrerOf(byRecognitionRule)).isNull();
        }
        assertThat(referrerOf(byClinician).getReference()).isEqualTo("Patient/" + advocateId);

        List<AuditEvent> decisions = auditEventsOf(referredId, 2);
        assertThat(decisions)
                .extracting(event -> event.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder(
                        "referrer.redacted", recognition == State.PRESENT ? "referrer.disclosed" : "referrer.redacted");
        AuditEvent ruled = decisions.stream()
                .filter(event -> !ReferrerDisclosure.Decision.NO_CONSENT_RULE.equals(event.getOutcomeDesc()))
                .findFirst()
                .orElseThrow();
        List<String> entities = ruled.getEntity().stream()
                .map(entity -> entity.getWhat().getReference())
                .toList();
        if (recognition == State.PRESENT) {
            assertThat(ruled.getOutcomeDesc()).isEqualTo(ReferrerDisclosure.Decision.RECOGNITION_CONSENT);
            assertThat(entities).contains(recognitionId);
        } else {
            assertThat(ruled.getOutcomeDesc()).isEqualTo(ReferrerDisclosure.Decision.NO_PERMITTING_CONSENT);
            assertThat(entities).noneMatch(reference -> reference != null && reference.startsWith("Consent/"));
        }
    }

    private Patient readAsPatient(String referredId) {
        return client.read()
                .resource(Patient.class)
                .withId(referredId)
                .withAdditionalHeader(CONTEXT_HEADER, "patient")
                .execute();
    }

    /** The Consent stored as {@code state} says (active, inactive, or none): its versionless id, or null. */
    private String give(State state, Consent consent) {
        if (state == State.ABSENT) {
            return null;
        }
        consent.setStatus(state == State.PRESENT ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        return client.create()
                .resource(consent)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
    }

    /**
     * Waits until {@code count} AuditEvents name the Patient (one writer thread: the default read's comes first), then
     * returns them.
     */
    private List<AuditEvent> auditEventsOf(String patientId, int count) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> search(patientId).size() >= count);
        List<AuditEvent> events = search(patientId);
        assertThat(events).hasSize(count);
        return events;
    }

    private List<AuditEvent> search(String patientId) {
        SearchParameterMap search = SearchParameterMap.newSynchronous()
                .add(AuditEvent.SP_ENTITY, new ReferenceParam("Patient/" + patientId));
        return daos.getResourceDao(AuditEvent.class).searchForResources(search, new SystemRequestDetails()).stream()
                .map(AuditEvent.class::cast)
                .toList();
    }

    private <T> T withRecognitionRule(java.util.function.Supplier<T> read) {
        ReferrerPrivacyInterceptor scanned = server.bean(ReferrerPrivacyInterceptor.class);
        ReferrerPrivacyInterceptor configured = new ReferrerPrivacyInterceptor(
                ReferrerPrivacySettings.defaults().withPatientHeader(CONTEXT_HEADER, "patient"),
                new RecognitionConsentDisclosure(daos, Set.of(ReferrerRecognitionConsent.OFFICE_DISPLAY)),
                server.bean(DisclosureAudit.class));
        server.unregisterInterceptor(scanned);
        server.registerInterceptor(configured);
        try {
            return read.get();
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
        return create(referredWithCode(code));
    }

    private static Consent consent(String patientId, String category, String policy) {
        Consent consent = new Consent();
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, Consents.SCOPE, null)));
        consent.addCategory(new CodeableConcept(new Coding(Consents.KIND_CODE_SYSTEM, category, null)));
        consent.setPatient(new Reference("Patient/" + patientId));
        consent.setDateTime(new Date());
        consent.addPolicy().setUri(policy);
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        return consent;
    }

    /** The referred patient allows the referrer to be told (provision actor = the referrer). */
    private static Consent disclosureConsent(String referredId, String advocateId) {
        Consent consent = consent(referredId, ReferralDisclosureConsent.CATEGORY, ReferralDisclosureConsent.POLICY);
        consent.getProvision()
                .addActor()
                .setRole(new CodeableConcept(new Coding(
                        ReferralDisclosureConsent.ACTOR_ROLE_SYSTEM, ReferralDisclosureConsent.ACTOR_ROLE, null)))
                .setReference(new Reference("Patient/" + advocateId));
        return consent;
    }

    private static Consent recognitionConsent(String advocateId) {
        Consent consent = consent(advocateId, ReferrerRecognitionConsent.CATEGORY, ReferrerRecognitionConsent.POLICY);
        consent.getProvision()
                .addCode(new CodeableConcept(new Coding(
                        ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM,
                        ReferrerRecognitionConsent.OFFICE_DISPLAY,
                        null)));
        return consent;
    }

    private static Consent messagesConsent(String advocateId) {
        Consent consent = consent(advocateId, ProgramMessagesConsent.CATEGORY, ProgramMessagesConsent.POLICY);
        consent.getProvision()
                .addPurpose(new Coding(ProgramMessagesConsent.PURPOSE_SYSTEM, ProgramMessagesConsent.PURPOSE, null))
                .addCode(new CodeableConcept(new Coding(ProgramMessagesConsent.CHANNEL_CODE_SYSTEM, "email", null)));
        return consent;
    }

    private String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }
}
