package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.patientToken;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReferrerPrivacyInterceptorTests {

    private final ReferrerPrivacyInterceptor interceptor =
            new ReferrerPrivacyInterceptor(ReferrerPrivacySettings.defaults(), ReferrerDisclosure.never());

    @Test
    void replacesReferredPatientsByRedactedCopiesInAPatientFacingResponse() {
        Patient referred = referredBy("Patient/34", "Patient/12");
        Observation observation = new Observation();
        SimplePreResourceShowDetails shown = new SimplePreResourceShowDetails(List.of(observation, referred));

        interceptor.beforeShow(shown, request(patientToken()));

        assertThat(shown.getResource(0)).isSameAs(observation);
        assertThat(shown.getResource(1)).isNotSameAs(referred).isInstanceOf(Patient.class);
        assertThat(referrerOf((Patient) shown.getResource(1))).isNull();
        assertThat(referrerOf(referred)).as("the given resource is untouched").isNotNull();
    }

    @Test
    void showsEverythingToClinicianAndInternalRequests() {
        Patient referred = referredBy("Patient/34", "Patient/12");
        SimplePreResourceShowDetails toClinician = new SimplePreResourceShowDetails(referred);
        SimplePreResourceShowDetails internal = new SimplePreResourceShowDetails(referred);

        interceptor.beforeShow(toClinician, request(clinicianToken()));
        interceptor.beforeShow(internal, null);

        assertThat(toClinician.getResource(0)).isSameAs(referred);
        assertThat(internal.getResource(0)).isSameAs(referred);
    }

    private static RequestDetails request(String authorization) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
