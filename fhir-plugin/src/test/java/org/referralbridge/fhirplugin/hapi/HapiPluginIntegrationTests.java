package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.asTyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.codeOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.mistyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.newCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.PatientSearch;
import org.referralbridge.conformance.ConformancePackage;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * The plugin loaded into a real HAPI FHIR JPA server the way the public JPA server starter loads it: by scanning its
 * package ({@code hapi.fhir.custom-bean-packages}).
 */
class HapiPluginIntegrationTests {

    private final HapiJpaTestServer server = PluginTestServer.server();
    private final IGenericClient client = PluginTestServer.client(server);

    @Test
    void linksAReferredPatientToTheAdvocateAtCreateTime() {
        String code = newCode();
        String advocateId = create(advocate(code));

        String referredId = create(referredWithCode(asTyped(code)));

        Patient stored = read(referredId);
        assertThat(referrerOf(stored)).isNotNull();
        assertThat(referrerOf(stored).getReference()).isEqualTo("Patient/" + advocateId);
        assertThat(codeOf(stored)).as("stored in the canonical form").isEqualTo(code);
        assertThat(stored.getMeta().getVersionId())
                .as("linked in the create itself")
                .isEqualTo("1");
    }

    @Test
    void linksPatientsCreatedWithoutRestToo() {
        String code = newCode();
        String advocateId = create(advocate(code));

        String referredId = server.bean(DaoRegistry.class)
                .getResourceDao(Patient.class)
                .create(referredWithCode(code), new SystemRequestDetails())
                .getId()
                .getIdPart();

        assertThat(referrerOf(read(referredId)).getReference()).isEqualTo("Patient/" + advocateId);
    }

    @Test
    void leavesAnUnknownCodeUntouched() {
        String referredId = create(referredWithCode(newCode()));

        Patient stored = read(referredId);
        assertThat(referrerOf(stored)).isNull();
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void leavesACodeWithABadCheckCharacterUnlinkedAndAsTypedForTheServiceToReport() {
        String code = newCode();
        create(advocate(code));
        // an advocate record in the EHR carrying the typo itself must not make the typo a match either
        create(advocate(mistyped(code)));
        String typed = asTyped(mistyped(code));

        String referredId = create(referredWithCode(typed));

        Patient stored = read(referredId);
        assertThat(referrerOf(stored)).isNull();
        assertThat(codeOf(stored)).isEqualTo(typed);
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void findsAReferredPatientByTheCanonicalCodeWhateverWasTyped() {
        String code = newCode();

        String referredId = create(referredWithCode(asTyped(code)));

        Bundle found = client.search()
                .forResource(Patient.class)
                .where(new TokenClientParam(PatientSearch.REFERRAL_CODE)
                        .exactly()
                        .code(code))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry())
                .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly(referredId);
    }

    @Test
    void leavesAPatientGivingTheirOwnAdvocateCodeUntouched() {
        String code = newCode();
        create(advocate(code));
        // a second record of the same advocate, who names their own code as referral source
        Patient self = advocate(code);
        self.getExtension()
                .addAll(referredWithCode(code.toLowerCase(Locale.ROOT)).getExtension());

        String selfId = create(self);

        assertThat(referrerOf(read(selfId))).isNull();
    }

    @Test
    void installsTheSearchParametersSoAdvocatesCanBeFoundByCode() {
        String code = newCode();
        String advocateId = create(advocate(code));

        Bundle installed = client.search()
                .forResource(SearchParameter.class)
                .where(SearchParameter.URL
                        .matches()
                        .values(List.of(
                                PatientSearch.url(PatientSearch.ADVOCATE_CODE),
                                PatientSearch.url(PatientSearch.REFERRAL_CODE),
                                PatientSearch.url(PatientSearch.REFERRAL_CHANNEL),
                                PatientSearch.url(PatientSearch.REFERRAL_REFERRER))))
                .returnBundle(Bundle.class)
                .execute();
        Bundle found = client.search()
                .forResource(Patient.class)
                .where(new TokenClientParam(PatientSearch.ADVOCATE_CODE)
                        .exactly()
                        .code(code))
                .returnBundle(Bundle.class)
                .execute();

        assertThat(installed.getEntry()).hasSize(4);
        assertThat(found.getEntry())
                .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly(advocateId);
    }

    @Test
    void installingTheSearchParametersAgainChangesNothing() {
        SearchParameterInstaller installer =
                new SearchParameterInstaller(server.bean(DaoRegistry.class), server.bean(ISearchParamRegistry.class));

        SearchParameterInstaller.Installed again = installer.install(
                ConformancePackage.loadFromClasspath(server.fhirContext()).searchParameters());

        assertThat(again).isEqualTo(new SearchParameterInstaller.Installed(0, 0, 4));
    }

    private String create(Patient patient) {
        return client.create().resource(patient).execute().getId().getIdPart();
    }

    private Patient read(String id) {
        return client.read().resource(Patient.class).withId(id).execute();
    }
}
