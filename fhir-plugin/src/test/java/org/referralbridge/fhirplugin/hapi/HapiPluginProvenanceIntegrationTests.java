package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.asTyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.mistyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.newCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.conformance.ConformanceValidator;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * Every Patient the plugin changes at create time gets one Provenance, written in the create's transaction: in a real
 * HAPI FHIR JPA server loading the plugin by package scan, as the public starter does.
 */
class HapiPluginProvenanceIntegrationTests {

    private static final int REFERRED = 3;

    private final HapiJpaTestServer server = PluginTestServer.server();
    private final IGenericClient client = PluginTestServer.client(server);

    @Test
    void recordsOneValidProvenancePerLinkedPatientCreatedOneByOneOrInATransaction() {
        String code = newCode();
        String advocateId = create(advocate(code));
        List<String> referred = new ArrayList<>();
        for (int i = 0; i < REFERRED; i++) {
            referred.add(create(referredWithCode(asTyped(code))));
        }
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < REFERRED; i++) {
            transaction
                    .addEntry()
                    .setFullUrl("urn:uuid:00000000-0000-0000-0000-00000000000" + i)
                    .setResource(referredWithCode(code))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient");
        }
        Bundle response = client.transaction().withBundle(transaction).execute();
        response.getEntry()
                .forEach(entry -> referred.add(new IdType(entry.getResponse().getLocation()).getIdPart()));

        ConformanceValidator validator = new ConformanceValidator(
                server.fhirContext(), ConformancePackage.loadFromClasspath(server.fhirContext()));
        assertThat(referred).hasSize(2 * REFERRED);
        for (String id : referred) {
            List<Provenance> provenances = provenancesOf(id);
            assertThat(provenances).as("Provenance of Patient/%s", id).hasSize(1);
            Provenance provenance = provenances.get(0);
            assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("Patient/" + id + "/_history/1");
            assertThat(provenance.getPolicy()).extracting(UriType::getValue).contains(ReferrerLinker.LINK_RULE);
            Identifier agent = provenance.getAgentFirstRep().getWho().getIdentifier();
            assertThat(agent.getSystem()).isEqualTo(Canonicals.SERVICE_IDENTIFIER_SYSTEM);
            assertThat(agent.getValue()).isEqualTo("referral-bridge");
            assertThat(validator.validate(provenance).errors())
                    .as("R4 core validation of Provenance for Patient/%s", id)
                    .isEmpty();
        }
        assertThat(provenancesOf(advocateId)).isEmpty();
    }

    @Test
    void recordsNothingForAPatientLeftAsSent() {
        String code = newCode();
        create(advocate(code));

        String unknown = create(referredWithCode(newCode()));
        String typo = create(referredWithCode(mistyped(code)));

        assertThat(provenancesOf(unknown)).isEmpty();
        assertThat(provenancesOf(typo)).isEmpty();
    }

    @Test
    void recordsTheNormalizationOfACodeNobodyOwns() {
        String id = create(referredWithCode(asTyped(newCode())));

        assertThat(provenancesOf(id))
                .singleElement()
                .satisfies(provenance -> assertThat(provenance.getPolicy())
                        .extracting(UriType::getValue)
                        .containsExactly(ReferrerLinker.NORMALIZE_RULE));
    }

    @Test
    void rollsTheProvenanceBackWithACreateThatFails() {
        String code = newCode();
        create(advocate(code));
        FailingAfterTheProvenance failing = new FailingAfterTheProvenance(server.bean(DaoRegistry.class));
        server.registerInterceptor(failing);
        Patient doomed = referredWithCode(code);
        doomed.getNameFirstRep().setFamily(FailingAfterTheProvenance.FAMILY);
        try {
            assertThatThrownBy(() -> create(doomed)).isInstanceOf(UnprocessableEntityException.class);
        } finally {
            server.unregisterInterceptor(failing);
        }

        assertThat(failing.provenancesSeenInTheTransaction)
                .as("written before the failure")
                .hasValue(1);
        String failedId = failing.patientId.get();
        assertThat(provenancesOf(failedId)).isEmpty();
        assertThatThrownBy(() ->
                        client.read().resource(Patient.class).withId(failedId).execute())
                .isInstanceOfAny(ResourceNotFoundException.class, ResourceGoneException.class);
    }

    private String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }

    private List<Provenance> provenancesOf(String patientId) {
        return client
                .search()
                .forResource(Provenance.class)
                .where(Provenance.TARGET.hasId("Patient/" + patientId))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(entry -> (Provenance) entry.getResource())
                .toList();
    }

    /**
     * Fails the create of Patients named {@link #FAMILY} before commit, after the plugin's hook: another interceptor
     * of the server refusing the write. It first looks, inside the transaction, for the plugin's Provenance.
     */
    @Interceptor
    static final class FailingAfterTheProvenance {

        static final String FAMILY = "Refused-Before-Commit";

        private final DaoRegistry daos;
        final AtomicInteger provenancesSeenInTheTransaction = new AtomicInteger(-1);
        final AtomicReference<String> patientId = new AtomicReference<>();

        FailingAfterTheProvenance(DaoRegistry daos) {
            this.daos = daos;
        }

        @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = 1_000)
        void refuse(IBaseResource resource) {
            if (!(resource instanceof Patient patient)
                    || !FAMILY.equals(patient.getNameFirstRep().getFamily())) {
                return;
            }
            String id = patient.getIdElement().getIdPart();
            patientId.set(id);
            SearchParameterMap byTarget =
                    SearchParameterMap.newSynchronous(Provenance.SP_TARGET, new ReferenceParam("Patient/" + id));
            provenancesSeenInTheTransaction.set(daos.getResourceDao(Provenance.class)
                    .searchForResourceIds(byTarget, new SystemRequestDetails())
                    .size());
            throw new UnprocessableEntityException("refused by the test");
        }
    }
}
