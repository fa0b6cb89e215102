package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.advocate;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.asTyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.codeOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.mistyped;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithoutCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.unreferred;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ReferralCode;
import org.referralbridge.fhirplugin.hapi.ReferrerLinker.Outcome;
import org.referralbridge.fhirplugin.hapi.ReferrerLinker.Result;

class ReferrerLinkerTests {

    /** A valid code, in the form advocates carry it. */
    private static final String CODE = ReferralCode.generate(new Random(7)).display();

    private final List<String> lookedUp = new ArrayList<>();

    private ReferrerLinker linkerOver(Map<String, List<String>> advocatesByCode) {
        return new ReferrerLinker(code -> {
            lookedUp.add(code);
            return advocatesByCode.getOrDefault(code, List.of());
        });
    }

    @Test
    void linksTheOneAdvocateOwningTheCodeAsTyped() {
        Patient patient = referredWithCode(asTyped(CODE));

        Result result = linkerOver(Map.of(CODE, List.of("42"))).link(patient);

        assertThat(result).isEqualTo(new Result(Outcome.LINKED, true));
        assertThat(result.changed()).isTrue();
        assertThat(result.rules()).containsExactly(ReferrerLinker.LINK_RULE, ReferrerLinker.NORMALIZE_RULE);
        assertThat(lookedUp).containsExactly(CODE);
        assertThat(referrerOf(patient).getReference()).isEqualTo("Patient/42");
    }

    @Test
    void storesTheCodeInItsCanonicalFormAndKeepsTheChannelWhenLinking() {
        Patient patient = referredWithCode(asTyped(CODE));

        linkerOver(Map.of(CODE, List.of("42"))).link(patient);

        assertThat(codeOf(patient)).isEqualTo(CODE);
        assertThat(patient.getExtensionByUrl(ReferralSource.URL).getExtension())
                .extracting(Extension::getUrl)
                .containsExactly(ReferralSource.CHANNEL, ReferralSource.CODE, ReferralSource.REFERRER);
    }

    @Test
    void linksACodeTypedInItsCanonicalFormWithoutRewritingIt() {
        Patient patient = referredWithCode(CODE);

        Result result = linkerOver(Map.of(CODE, List.of("42"))).link(patient);

        assertThat(result).isEqualTo(new Result(Outcome.LINKED, false));
        assertThat(result.rules()).containsExactly(ReferrerLinker.LINK_RULE);
    }

    @Test
    void refusesACodeWithABadCheckCharacterAsTheServiceDoesAndLeavesItAsTyped() {
        String typo = asTyped(mistyped(CODE));
        // even if an advocate's record carried that very text, a typo links nobody
        assertUntouched(
                referredWithCode(typo), linkerOver(Map.of(mistyped(CODE), List.of("42"))), Outcome.BAD_CHECK_CHARACTER);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void refusesAMalformedCodeAndLeavesItAsTyped() {
        assertUntouched(referredWithCode("59th nyk"), linkerOver(Map.of()), Outcome.MALFORMED_CODE);
        assertUntouched(referredWithCode("O0O0-1I1L"), linkerOver(Map.of()), Outcome.MALFORMED_CODE);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void normalizesAValidCodeNobodyOwnsButLinksNobody() {
        Patient patient = referredWithCode(asTyped(CODE));

        Result result = linkerOver(Map.of()).link(patient);

        assertThat(result).isEqualTo(new Result(Outcome.UNKNOWN_CODE, true));
        assertThat(result.rules()).containsExactly(ReferrerLinker.NORMALIZE_RULE);
        assertThat(referrerOf(patient)).isNull();
        assertThat(codeOf(patient)).isEqualTo(CODE);
    }

    @Test
    void leavesAnUnknownCodeInCanonicalFormUntouched() {
        assertUntouched(referredWithCode(CODE), linkerOver(Map.of()), Outcome.UNKNOWN_CODE);
    }

    @Test
    void leavesACodeOwnedByTwoAdvocatesUntouched() {
        assertUntouched(referredWithCode(CODE), linkerOver(Map.of(CODE, List.of("42", "43"))), Outcome.AMBIGUOUS_CODE);
    }

    @Test
    void refusesAPatientReferringThemselvesById() {
        Patient patient = referredWithCode(CODE);
        patient.setId("42");

        assertUntouched(patient, linkerOver(Map.of(CODE, List.of("42"))), Outcome.SELF_REFERRAL);
    }

    @Test
    void refusesAPatientGivingTheirOwnAdvocateCode() {
        Patient patient = advocate(asTyped(CODE));
        patient.getExtension().addAll(referredWithCode(CODE).getExtension());

        assertUntouched(patient, linkerOver(Map.of(CODE, List.of("42"))), Outcome.SELF_REFERRAL);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void leavesAnAlreadyLinkedPatientAsItIs() {
        Patient patient = referredWithCode(CODE);
        patient.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.REFERRER, new Reference("Practitioner/7"));

        assertUntouched(patient, linkerOver(Map.of(CODE, List.of("42"))), Outcome.ALREADY_LINKED);
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

        Result result = linker.link(patient);

        assertThat(result).isEqualTo(new Result(expected, false));
        assertThat(result.changed()).isFalse();
        assertThat(result.rules()).isEmpty();
        assertThat(patient.equalsDeep(before)).as("patient unchanged").isTrue();
    }
}
