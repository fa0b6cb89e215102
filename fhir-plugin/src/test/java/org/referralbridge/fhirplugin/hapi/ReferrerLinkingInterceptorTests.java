package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReferrerLinkingInterceptorTests {

    @Test
    void linksNewPatients() {
        Patient patient = referredWithCode("abcd efgh");

        new ReferrerLinkingInterceptor(new ReferrerLinker(code -> List.of("42"))).patientCreated(patient);

        assertThat(referrerOf(patient).getReference()).isEqualTo("Patient/42");
    }

    @Test
    void neverBlocksTheCreateWhenTheLookupFails() {
        Patient patient = referredWithCode("abcd efgh");
        Patient before = patient.copy();
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(new ReferrerLinker(code -> {
            throw new IllegalStateException("Unknown search parameter advocate-code");
        }));

        assertThatCode(() -> interceptor.patientCreated(patient)).doesNotThrowAnyException();
        assertThat(patient.equalsDeep(before)).isTrue();
    }

    @Test
    void looksAtPatientsOnly() {
        AtomicInteger lookups = new AtomicInteger();
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(new ReferrerLinker(code -> {
            lookups.incrementAndGet();
            return List.of("42");
        }));

        interceptor.patientCreated(new Encounter());

        assertThat(lookups).hasValue(0);
    }
}
