package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The ProgramMessagesConsent profile (on Consent) accepts only a marketing opt-in or opt-out for one channel, and an
 * SMS opt-in only with its written record (TCPA): each negative test breaks the example in one place.
 */
class ProgramMessagesConsentProfileTests extends ConsentProfileContract {

    @Test
    void acceptsAnEmailOptInWithoutWrittenRecord() {
        Consent consent = example();
        consent.setSource(null);
        setChannel(consent, ProgramMessagesConsent.EMAIL);

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsAnSmsOptInWhoseWrittenRecordIsADocumentReference() {
        Consent consent = example();
        consent.setSource(new Reference("DocumentReference/sms-opt-in-0042"));

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsAnSmsOptOutWithoutWrittenRecord() {
        Consent consent = example();
        consent.setSource(null);
        consent.getProvision().setType(ConsentProvisionType.DENY);

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void rejectsAnSmsOptInWithoutWrittenRecord() {
        Consent consent = example();
        consent.setSource(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-5"));
    }

    @Test
    void rejectsAPurposeThatIsNotMarketing() {
        Consent consent = example();
        consent.getProvision().getPurposeFirstRep().setCode("HPAYMT");

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-4"));
    }

    @Test
    void rejectsAProvisionWithoutPurpose() {
        Consent consent = example();
        consent.getProvision().getPurpose().clear();

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.purpose"));
    }

    @Test
    void rejectsAChannelThatIsNotInTheCodeSystem() {
        Consent consent = example();
        setChannel(consent, "push");

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ProgramMessagesConsent.CHANNEL_VALUE_SET));
    }

    @Test
    void rejectsARecognitionChannelInPlaceOfAMessageChannel() {
        Consent consent = example();
        consent.getProvision().getCode().clear();
        consent.getProvision()
                .addCode(new CodeableConcept(new Coding(
                        ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM, ReferrerRecognitionConsent.NEWSLETTER, null)));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ProgramMessagesConsent.CHANNEL_VALUE_SET));
    }

    @Test
    void rejectsAProvisionWithoutChannel() {
        Consent consent = example();
        consent.getProvision().getCode().clear();

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.code"));
    }

    @Test
    void rejectsTwoChannelsInOneConsent() {
        Consent consent = example();
        consent.getProvision().addCode(channel(ProgramMessagesConsent.EMAIL));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.code"));
    }

    private static void setChannel(Consent consent, String code) {
        consent.getProvision().getCode().clear();
        consent.getProvision().addCode(channel(code));
    }

    private static CodeableConcept channel(String code) {
        return new CodeableConcept(new Coding(ProgramMessagesConsent.CHANNEL_CODE_SYSTEM, code, null));
    }

    @Override
    String otherCategory() {
        return ReferrerRecognitionConsent.CATEGORY;
    }

    @Override
    Consent example() {
        return Conformance.pkg().example(Consent.class, "advocate-anna-sms-opt-in");
    }
}
