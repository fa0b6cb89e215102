package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.EHR_EXTENSION;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredBy;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referredWithCode;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.referrerOf;
import static org.referralbridge.fhirplugin.hapi.ReferralPatients.unreferred;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralSource;

class ReferrerRedactionTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final List<String> asked = new ArrayList<>();
    private final ReferrerDisclosure denies = record(false);
    private final ReferrerDisclosure allows = record(true);

    @Test
    void removesTheReferrerAndNothingElseWhenTheReferrerDidNotAllowIt() {
        Patient stored = referredBy("Patient/34/_history/2", "Patient/12");
        String before = json(stored);

        Patient shown = (Patient) new ReferrerRedaction(denies).redacted(stored).orElseThrow();

        assertThat(referrerOf(shown)).isNull();
        assertThat(asked).containsExactly("Patient/12 for Patient/34");
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

        assertThat(new ReferrerRedaction(allows).redacted(stored)).isEmpty();
        assertThat(asked).containsExactly("Patient/12 for Patient/34");
    }

    @Test
    void leavesPatientsWithoutOurExtensionOrWithoutReferrerAndOtherResourcesAlone() {
        Patient plain = unreferred();
        plain.setId("Patient/1");
        Patient unlinked = referredWithCode("59TH-NYK3");
        unlinked.setId("Patient/2");
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/12"));
        ReferrerRedaction redaction = new ReferrerRedaction(denies);

        assertThat(redaction.redacted(plain)).isEmpty();
        assertThat(redaction.redacted(unlinked)).isEmpty();
        assertThat(redaction.redacted(observation)).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void hidesAReferrerNamedWithoutAReferenceItCanAskAbout() {
        Patient stored = referredBy("Patient/34", "Patient/12");
        Extension referrer = stored.getExtensionByUrl(ReferralSource.URL).getExtensionByUrl(ReferralSource.REFERRER);
        referrer.setValue(new Reference().setDisplay("a name"));

        Patient shown = (Patient) new ReferrerRedaction(allows).redacted(stored).orElseThrow();

        assertThat(referrerOf(shown)).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void hidesTheReferrerWhenTheDisclosureFails() {
        ReferrerDisclosure failing = (referrer, referred) -> {
            throw new IllegalStateException("Consent search failed");
        };

        Patient shown = (Patient) new ReferrerRedaction(failing)
                .redacted(referredBy("Patient/34", "Patient/12"))
                .orElseThrow();

        assertThat(referrerOf(shown)).isNull();
    }

    @Test
    void keepsWhatTheResponseNeedsToKnowOfTheResource() {
        Patient stored = referredBy("Patient/34", "Patient/12");
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(stored, BundleEntrySearchModeEnum.INCLUDE);

        IBaseResource shown = new ReferrerRedaction(denies).redacted(stored).orElseThrow();

        assertThat(ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(shown)).isEqualTo(BundleEntrySearchModeEnum.INCLUDE);
    }

    @Test
    void asksOncePerReferrerAndPatientWithinAResponse() {
        ReferrerRedaction redaction = new ReferrerRedaction(denies);

        redaction.redacted(referredBy("Patient/34", "Patient/12"));
        redaction.redacted(referredBy("Patient/34/_history/1", "Patient/12"));
        redaction.redacted(referredBy("Patient/35", "Patient/12"));

        assertThat(asked).containsExactly("Patient/12 for Patient/34", "Patient/12 for Patient/35");
    }

    private ReferrerDisclosure record(boolean answer) {
        return (referrer, referred) -> {
            asked.add(referrer.getValue() + " for " + referred.getValue());
            return answer;
        };
    }

    private static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
