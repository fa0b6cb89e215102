package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.newCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;

import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReferrerLinkingInterceptorTests {

    private final List<ReferrerLinker.Result> recorded = new ArrayList<>();
    private final LinkRecorder recorder = (patient, result, request, transaction) -> recorded.add(result);

    @Test
    void linksNewPatientsAndRecordsTheChangeOnceStored() {
        String code = newCode();
        Patient patient = referredWithCode(code);
        ReferrerLinkingInterceptor interceptor =
                new ReferrerLinkingInterceptor(new ReferrerLinker(typed -> List.of("42")), recorder);

        interceptor.patientCreated(patient);
        assertThat(recorded).as("nothing recorded before the Patient has an id").isEmpty();
        patient.setId("Patient/7/_history/1");
        interceptor.patientStored(patient, null, new TransactionDetails());

        assertThat(referrerOf(patient).getReference()).isEqualTo("Patient/42");
        assertThat(recorded).containsExactly(new ReferrerLinker.Result(ReferrerLinker.Outcome.LINKED, false));
    }

    @Test
    void recordsNothingForAPatientItLeftAsSent() {
        Patient patient = referredWithCode(newCode());
        ReferrerLinkingInterceptor interceptor =
                new ReferrerLinkingInterceptor(new ReferrerLinker(typed -> List.of()), recorder);

        interceptor.patientCreated(patient);
        interceptor.patientStored(patient, null, new TransactionDetails());

        assertThat(recorded).isEmpty();
    }

    @Test
    void recordsEachChangeOnlyOnce() {
        Patient patient = referredWithCode(newCode());
        ReferrerLinkingInterceptor interceptor =
                new ReferrerLinkingInterceptor(new ReferrerLinker(typed -> List.of("42")), recorder);

        interceptor.patientCreated(patient);
        interceptor.patientStored(patient, null, new TransactionDetails());
        interceptor.patientStored(patient, null, new TransactionDetails());

        assertThat(recorded).hasSize(1);
    }

    @Test
    void neverBlocksTheCreateWhenTheLookupFails() {
        Patient patient = referredWithCode(newCode());
        Patient before = patient.copy();
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(
                new ReferrerLinker(code -> {
                    throw new IllegalStateException("Unknown search parameter advocate-code");
                }),
                recorder);

        assertThatCode(() -> interceptor.patientCreated(patient)).doesNotThrowAnyException();
        interceptor.patientStored(patient, null, new TransactionDetails());
        assertThat(patient.equalsDeep(before)).isTrue();
        assertThat(recorded).isEmpty();
    }

    @Test
    void failsTheCreateWhenTheChangeCannotBeRecorded() {
        Patient patient = referredWithCode(newCode());
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(
                new ReferrerLinker(code -> List.of("42")), (stored, result, request, transaction) -> {
                    throw new IllegalStateException("Provenance rejected");
                });
        interceptor.patientCreated(patient);

        assertThatThrownBy(() -> interceptor.patientStored(patient, null, new TransactionDetails()))
                .hasMessage("Provenance rejected");
    }

    @Test
    void looksAtPatientsOnly() {
        AtomicInteger lookups = new AtomicInteger();
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(
                new ReferrerLinker(code -> {
                    lookups.incrementAndGet();
                    return List.of("42");
                }),
                recorder);

        interceptor.patientCreated(new Encounter());
        interceptor.patientStored(new Encounter(), null, new TransactionDetails());

        assertThat(lookups).hasValue(0);
        assertThat(recorded).isEmpty();
    }
}
