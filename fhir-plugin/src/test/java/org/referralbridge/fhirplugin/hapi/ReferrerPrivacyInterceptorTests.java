package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.bearerWithClaims;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.clinicianToken;
import static org.referralbridge.fhirplugin.hapi.AccessTokens.patientToken;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReferrerPrivacyInterceptorTests {

    private static final Instant NOW = Instant.parse("2026-12-02T08:15:30Z");

    private final List<DisclosureDecision> audited = new ArrayList<>();
    private final ReferrerPrivacyInterceptor interceptor = new ReferrerPrivacyInterceptor(
            ReferrerPrivacySettings.defaults(),
            ReferrerDisclosure.never(),
            audited::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

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
        assertThat(audited)
                .containsExactly(new DisclosureDecision(
                        "Patient/34", "Patient/12", false, null, "no-consent-rule", "user-1", null, NOW));
    }

    @Test
    void reportsOneDecisionPerReferrerAndPatientInAResponse() {
        SimplePreResourceShowDetails shown = new SimplePreResourceShowDetails(List.of(
                referredBy("Patient/34/_history/2", "Patient/12"),
                referredBy("Patient/34/_history/1", "Patient/12"),
                referredBy("Patient/35", "Patient/12")));

        interceptor.beforeShow(shown, request(patientToken()));

        assertThat(audited)
                .extracting(DisclosureDecision::referredPatient, DisclosureDecision::action)
                .containsExactly(tuple("Patient/34", "referrer.redacted"), tuple("Patient/35", "referrer.redacted"));
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
        assertThat(audited)
                .as("no disclosure decision for clinician or internal access")
                .isEmpty();
    }

    @Test
    void namesTheRequesterByTheTokensSubjectOrClientIdOnly() {
        assertThat(ReferrerPrivacyInterceptor.requester(bearerWithClaims(
                        "{\"sub\":\"patient-user-7\",\"client_id\":\"portal\",\"name\":\"Ana Rivera\"}")))
                .isEqualTo("patient-user-7");
        assertThat(ReferrerPrivacyInterceptor.requester(
                        bearerWithClaims("{\"client_id\":\"portal\",\"scope\":\"patient/*.rs\"}")))
                .isEqualTo("portal");
        assertThat(ReferrerPrivacyInterceptor.requester(bearerWithClaims("{\"name\":\"Ana Rivera\"}")))
                .isEqualTo(DisclosureDecision.ANONYMOUS);
        assertThat(ReferrerPrivacyInterceptor.requester("Bearer opaque-token")).isEqualTo(DisclosureDecision.ANONYMOUS);
        assertThat(ReferrerPrivacyInterceptor.requester(null)).isEqualTo(DisclosureDecision.ANONYMOUS);
    }

    private static RequestDetails request(String authorization) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
