package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.EHR_EXTENSION;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.unreferred;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.hapi.ReferrerDisclosure.Decision;

class ReferrerRedactionTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final Instant NOW = Instant.parse("2026-12-02T08:15:30Z");
    private static final ReferrerRedaction.Caller CALLER = new ReferrerRedaction.Caller("user-1", "192.0.2.10", NOW);

    private final List<String> asked = new ArrayList<>();
    private final List<DisclosureDecision> audited = new ArrayList<>();
    private final ReferrerDisclosure denies = record(Decision.hidden(Decision.NO_PERMITTING_CONSENT));
    private final ReferrerDisclosure allows =
            record(Decision.shownOn(new IdType("Consent/56/_history/3"), Decision.RECOGNITION_CONSENT));

    @Test
    void removesTheReferrerAndNothingElseWhenTheReferrerDidNotAllowIt() {
        Patient stored = referredBy("Patient/34/_history/2", "Patient/12");
        String before = json(stored);

        Patient shown = (Patient) redaction(denies).redacted(stored).orElseThrow();

        assertThat(referrerOf(shown)).isNull();
        assertThat(asked).containsExactly("Patient/12 for Patient/34");
        assertThat(audited)
                .containsExactly(new DisclosureDecision(
                        "Patient/34",
                        "Patient/12",
                        false,
                        null,
                        Decision.NO_PERMITTING_CONSENT,
                        "user-1",
                        "192.0.2.10",
                        NOW));
        Extension source = shown.getExtensionByUrl(ReferralSource.URL);
        assertThat(source.getExtension())
                .extracting(Extension::getUrl)
                .containsExactly(ReferralSource.CHANNEL, ReferralSource.CODE, ReferralSource.PROGRAM);
        assertThat(shown.getExtensionByUrl(EHR_EXTENSION).getValue().primitiveValue())
                .isEqualTo("blue");
        assertThat(shown.getText().getDivAsString()).isEqualTo(stored.getText().getDivAsString());
        assertThat(shown.getIdElement().getValue()).isEqualTo("Patient/34/_history/2");
        assertThat(json(stored)).as("the stored resource is unchanged").isEqualTo(before);
        // the whole difference is the referrer
        stored.getExtensionByUrl(ReferralSource.URL)
                .getExtension()
                .removeIf(e -> ReferralSource.REFERRER.equals(e.getUrl()));
        assertThat(json(shown)).isEqualTo(json(stored));
    }

    @Test
    void showsTheReferrerWhenTheReferrerAllowedIt() {
        Patient stored = referredBy("Patient/34", "Patient/12");

        assertThat(redaction(allows).redacted(stored)).isEmpty();
        assertThat(asked).containsExactly("Patient/12 for Patient/34");
        assertThat(audited).singleElement().satisfies(decision -> {
            assertThat(decision.shown()).isTrue();
            assertThat(decision.consent()).as("versionless").isEqualTo("Consent/56");
            assertThat(decision.reason()).isEqualTo(Decision.RECOGNITION_CONSENT);
            assertThat(decision.action()).isEqualTo("referrer.disclosed");
        });
    }

    @Test
    void leavesPatientsWithoutOurExtensionOrWithoutReferrerAndOtherResourcesAlone() {
        Patient plain = unreferred();
        plain.setId("Patient/1");
        Patient unlinked = referredWithCode("59TH-NYK3");
        unlinked.setId("Patient/2");
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/12"));
        ReferrerRedaction redaction = redaction(denies);

        assertThat(redaction.redacted(plain)).isEmpty();
        assertThat(redaction.redacted(unlinked)).isEmpty();
        assertThat(redaction.redacted(observation)).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(audited).as("no referrer, no decision").isEmpty();
    }

    @Test
    void hidesAReferrerNamedWithoutAReferenceItCanAskAbout() {
        Patient stored = referredBy("Patient/34", "Patient/12");
        Extension referrer = stored.getExtensionByUrl(ReferralSource.URL).getExtensionByUrl(ReferralSource.REFERRER);
        referrer.setValue(new Reference().setDisplay("a name"));

        Patient shown = (Patient) redaction(allows).redacted(stored).orElseThrow();

        assertThat(referrerOf(shown)).isNull();
        assertThat(asked).isEmpty();
        assertThat(audited).singleElement().satisfies(decision -> {
            assertThat(decision.referrer())
                    .as("no display, which may be a name")
                    .isNull();
            assertThat(decision.shown()).isFalse();
            assertThat(decision.reason()).isEqualTo(Decision.REFERRER_NOT_REFERENCED);
        });
    }

    @Test
    void hidesTheReferrerWhenTheDisclosureFails() {
        ReferrerDisclosure failing = (referrer, referred) -> {
            throw new IllegalStateException("Consent search failed");
        };

        Patient shown = (Patient) redaction(failing)
                .redacted(referredBy("Patient/34", "Patient/12"))
                .orElseThrow();

        assertThat(referrerOf(shown)).isNull();
        assertThat(audited)
                .extracting(DisclosureDecision::shown, DisclosureDecision::reason)
                .containsExactly(tuple(false, Decision.LOOKUP_FAILED));
    }

    @Test
    void aFailingAuditDoesNotFailTheResponse() {
        ReferrerRedaction redaction = new ReferrerRedaction(
                denies,
                decision -> {
                    throw new IllegalStateException("audit down");
                },
                CALLER);

        Patient shown = (Patient)
                redaction.redacted(referredBy("Patient/34", "Patient/12")).orElseThrow();

        assertThat(referrerOf(shown)).isNull();
    }

    @Test
    void keepsWhatTheResponseNeedsToKnowOfTheResource() {
        Patient stored = referredBy("Patient/34", "Patient/12");
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(stored, BundleEntrySearchModeEnum.INCLUDE);

        IBaseResource shown = redaction(denies).redacted(stored).orElseThrow();

        assertThat(ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(shown)).isEqualTo(BundleEntrySearchModeEnum.INCLUDE);
    }

    @Test
    void asksOncePerReferrerAndPatientWithinAResponse() {
        ReferrerRedaction redaction = redaction(denies);

        redaction.redacted(referredBy("Patient/34", "Patient/12"));
        redaction.redacted(referredBy("Patient/34/_history/1", "Patient/12"));
        redaction.redacted(referredBy("Patient/35", "Patient/12"));

        assertThat(asked).containsExactly("Patient/12 for Patient/34", "Patient/12 for Patient/35");
        assertThat(audited)
                .extracting(DisclosureDecision::referredPatient, DisclosureDecision::referrer)
                .containsExactly(tuple("Patient/34", "Patient/12"), tuple("Patient/35", "Patient/12"));
    }

    @Test
    void reportsEachResponseOnItsOwn() {
        redaction(denies).redacted(referredBy("Patient/34", "Patient/12"));
        redaction(denies).redacted(referredBy("Patient/34", "Patient/12"));

        assertThat(audited).hasSize(2);
    }

    private ReferrerRedaction redaction(ReferrerDisclosure disclosure) {
        return new ReferrerRedaction(disclosure, audited::add, CALLER);
    }

    private ReferrerDisclosure record(Decision answer) {
        return (referrer, referred) -> {
            asked.add(referrer.getValue() + " for " + referred.getValue());
            return answer;
        };
    }

    private static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
