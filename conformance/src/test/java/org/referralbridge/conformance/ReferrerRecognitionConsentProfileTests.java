package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The ReferrerRecognitionConsent profile (on Consent) accepts only a consent that names the advocate and where they
 * may be named: each negative test breaks the example in one place.
 */
class ReferrerRecognitionConsentProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

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
    void rejectsAConsentWithoutPatient() {
        Consent consent = example();
        consent.setPatient(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.patient"));
    }

    @Test
    void rejectsAnAdvocateThatIsNoPatient() {
        Consent consent = example();
        consent.setPatient(new Reference("RelatedPerson/1"));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-2"));
    }

    @Test
    void rejectsAnotherScopeThanPatientPrivacy() {
        Consent consent = example();
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, "treatment", null)));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.scope"));
    }

    @Test
    void rejectsTheCategoryOfAnotherConsentKind() {
        Consent consent = example();
        consent.getCategoryFirstRep().getCodingFirstRep().setCode(ProgramMessagesConsent.CATEGORY);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.category"));
    }

    @Test
    void rejectsAConsentWithoutProvision() {
        Consent consent = example();
        consent.setProvision(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision"));
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

    @Test
    void rejectsAnEnteredInErrorStatus() {
        Consent consent = example();
        consent.setStatus(ConsentState.ENTEREDINERROR);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-1"));
    }

    @Test
    void rejectsAnotherPolicyThanOurs() {
        Consent consent = example();
        consent.getPolicyFirstRep().setUri("https://practice.example.org/privacy");

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.policy"));
    }

    @Test
    void rejectsAConsentWithoutDateTime() {
        Consent consent = example();
        consent.setDateTimeElement(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.dateTime"));
    }

    private static CodeableConcept channel(String code) {
        return new CodeableConcept(new Coding(ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM, code, null));
    }

    private static Consent example() {
        return Conformance.pkg().example(Consent.class, "advocate-anna-allows-recognition");
    }
}
