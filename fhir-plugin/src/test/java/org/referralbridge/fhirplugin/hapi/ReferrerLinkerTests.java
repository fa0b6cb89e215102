package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithoutCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.unreferred;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.hapi.ReferrerLinker.Outcome;

class ReferrerLinkerTests {

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private final List<String> lookedUp = new ArrayList<>();

    private ReferrerLinker linkerOver(Map<String, List<String>> advocatesByCode) {
        return new ReferrerLinker(code -> {
            lookedUp.add(code);
            return advocatesByCode.getOrDefault(code, List.of());
        });
    }

    @Test
    void linksTheOneAdvocateOwningTheCodeAsTyped() {
        Patient patient = referredWithCode("abcd efgh");

        Outcome outcome = linkerOver(Map.of("ABCD-EFGH", List.of("42"))).link(patient);

        assertThat(outcome).isEqualTo(Outcome.LINKED);
        assertThat(outcome.changed()).isTrue();
        assertThat(lookedUp).containsExactly("ABCD-EFGH");
        assertThat(referrerOf(patient).getReference()).isEqualTo("Patient/42");
    }

    @Test
    void keepsTheTypedCodeAndChannelWhenLinking() {
        Patient patient = referredWithCode("abcd efgh");

        linkerOver(Map.of("ABCD-EFGH", List.of("42"))).link(patient);

        String json = fhirContext.newJsonParser().encodeResourceToString(patient);
        assertThat(json).contains("\"valueString\":\"abcd efgh\"", "friend-family", "Patient/42");
        assertThat(patient.getExtensionByUrl(ReferralSource.URL).getExtension())
                .extracting(Extension::getUrl)
                .containsExactly(ReferralSource.CHANNEL, ReferralSource.CODE, ReferralSource.REFERRER);
    }

    @Test
    void leavesAnUnknownCodeUntouched() {
        assertUntouched(referredWithCode("ZZZZ-9999"), linkerOver(Map.of()), Outcome.UNKNOWN_CODE);
    }

    @Test
    void leavesACodeOwnedByTwoAdvocatesUntouched() {
        assertUntouched(
                referredWithCode("ABCD-EFGH"),
                linkerOver(Map.of("ABCD-EFGH", List.of("42", "43"))),
                Outcome.AMBIGUOUS_CODE);
    }

    @Test
    void refusesAPatientReferringThemselvesById() {
        Patient patient = referredWithCode("ABCD-EFGH");
        patient.setId("42");

        assertUntouched(patient, linkerOver(Map.of("ABCD-EFGH", List.of("42"))), Outcome.SELF_REFERRAL);
    }

    @Test
    void refusesAPatientGivingTheirOwnAdvocateCode() {
        Patient patient = advocate("ABCD-EFGH");
        Patient referred = referredWithCode("abcd-efgh");
        patient.getExtension().addAll(referred.getExtension());

        assertUntouched(patient, linkerOver(Map.of("ABCD-EFGH", List.of("42"))), Outcome.SELF_REFERRAL);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void leavesAnAlreadyLinkedPatientAsItIs() {
        Patient patient = referredWithCode("ABCD-EFGH");
        patient.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.REFERRER, new Reference("Practitioner/7"));

        assertUntouched(patient, linkerOver(Map.of("ABCD-EFGH", List.of("42"))), Outcome.ALREADY_LINKED);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void ignoresPatientsWithoutACode() {
        assertUntouched(referredWithoutCode(), linkerOver(Map.of()), Outcome.NO_CODE);
        assertUntouched(referredWithCode("  -  "), linkerOver(Map.of()), Outcome.NO_CODE);
        assertUntouched(unreferred(), linkerOver(Map.of()), Outcome.NO_REFERRAL_SOURCE);
        assertThat(lookedUp).isEmpty();
    }

    private static void assertUntouched(Patient patient, ReferrerLinker linker, Outcome expected) {
        Patient before = patient.copy();

        Outcome outcome = linker.link(patient);

        assertThat(outcome).isEqualTo(expected);
        assertThat(outcome.changed()).isFalse();
        assertThat(patient.equalsDeep(before)).as("patient unchanged").isTrue();
    }
}
