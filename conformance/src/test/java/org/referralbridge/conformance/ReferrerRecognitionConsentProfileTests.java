package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The ReferrerRecognitionConsent profile (on Consent) accepts only a consent that names the advocate and where they
 * may be named: each negative test breaks the example in one place.
 */
class ReferrerRecognitionConsentProfileTests extends ConsentProfileContract {

    @Test
    void acceptsARefusalForSocialMediaOnly() {
        Consent consent = example();
        consent.setStatus(ConsentState.REJECTED);
        consent.getProvision().setType(ConsentProvisionType.DENY);
        consent.getProvision().getCode().clear();
        consent.getProvision().addCode(channel(ReferrerRecognitionConsent.SOCIAL_MEDIA));

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void rejectsAProvisionWithoutChannel() {
        Consent consent = example();
        consent.getProvision().getCode().clear();

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.code"));
    }

    @Test
    void rejectsAChannelThatIsNotInTheCodeSystem() {
        Consent consent = example();
        consent.getProvision().addCode(channel("billboard"));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(
                        issue -> assertThat(issue.message()).contains(ReferrerRecognitionConsent.CHANNEL_VALUE_SET));
    }

    @Test
    void rejectsAMessageChannelInPlaceOfARecognitionChannel() {
        Consent consent = example();
        consent.getProvision().getCode().clear();
        consent.getProvision()
                .addCode(new CodeableConcept(
                        new Coding(ProgramMessagesConsent.CHANNEL_CODE_SYSTEM, ProgramMessagesConsent.EMAIL, null)));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(
                        issue -> assertThat(issue.message()).contains(ReferrerRecognitionConsent.CHANNEL_VALUE_SET));
    }

    private static CodeableConcept channel(String code) {
        return new CodeableConcept(new Coding(ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM, code, null));
    }

    @Override
    String otherCategory() {
        return ProgramMessagesConsent.CATEGORY;
    }

    @Override
    Consent example() {
        return Conformance.pkg().example(Consent.class, "advocate-anna-allows-recognition");
    }
}
