package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferralDisclosureConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The ReferralDisclosureConsent profile (on Consent) accepts only a consent that says who may be told about whom:
 * each negative test breaks the example in one place.
 */
class ReferralDisclosureConsentProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void acceptsARevokedDenyNamingAVersionedAbsoluteReferrerWithAPurpose() {
        Consent consent = example();
        consent.setStatus(ConsentState.INACTIVE);
        consent.getProvision().setType(ConsentProvisionType.DENY);
        consent.getProvision()
                .getActorFirstRep()
                .setReference(new Reference("https://ehr.example.org/fhir/Patient/advocate-anna/_history/3"));
        consent.getProvision()
                .addPurpose(new Coding(ProgramMessagesConsent.PURPOSE_SYSTEM, ProgramMessagesConsent.PURPOSE, null));

        ValidationReport report = validator.validate(consent);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ConsentState.class,
            names = {"DRAFT", "ENTEREDINERROR"})
    void rejectsAStatusOutsideActiveInactiveRejectedProposed(ConsentState status) {
        Consent consent = example();
        consent.setStatus(status);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-1"));
    }

    @Test
    void rejectsAConsentWithoutPatient() {
        Consent consent = example();
        consent.setPatient(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.patient"));
    }

    @Test
    void rejectsAPatientThatIsNoPatientReference() {
        Consent consent = example();
        consent.setPatient(new Reference("Group/1"));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-2"));
    }

    @Test
    void rejectsAnotherScopeThanPatientPrivacy() {
        Consent consent = example();
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, "research", null)));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.scope"));
    }

    @Test
    void rejectsTheCategoryOfAnotherConsentKind() {
        Consent consent = example();
        consent.getCategoryFirstRep().getCodingFirstRep().setCode(ReferrerRecognitionConsent.CATEGORY);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.category"));
    }

    @Test
    void rejectsAConsentWithoutDateTime() {
        Consent consent = example();
        consent.setDateTimeElement(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.dateTime"));
    }

    @Test
    void rejectsAConsentWithoutPolicy() {
        Consent consent = example();
        consent.getPolicy().clear();

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.policy"));
    }

    @Test
    void rejectsAnotherPolicyThanOurs() {
        Consent consent = example();
        consent.getPolicyFirstRep().setUri(ReferrerRecognitionConsent.POLICY);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.policy"));
    }

    @Test
    void rejectsAConsentWithoutProvision() {
        Consent consent = example();
        consent.setProvision(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision"));
    }

    @Test
    void rejectsAProvisionWithoutType() {
        Consent consent = example();
        consent.getProvision().setType(null);

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.type"));
    }

    @Test
    void rejectsAProvisionWithoutActor() {
        Consent consent = example();
        consent.getProvision().getActor().clear();

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision.actor"));
    }

    @Test
    void rejectsAnActorThatIsNoPatient() {
        Consent consent = example();
        consent.getProvision().getActorFirstRep().setReference(new Reference("Organization/newsletter-agency"));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-3"));
    }

    @Test
    void rejectsAnActorWithAnotherRoleThanInformationRecipient() {
        Consent consent = example();
        consent.getProvision()
                .getActorFirstRep()
                .setRole(new CodeableConcept(new Coding(ReferralDisclosureConsent.ACTOR_ROLE_SYSTEM, "AUT", null)));

        assertThat(validator.validate(consent).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.provision.actor"));
    }

    private static Consent example() {
        return Conformance.pkg().example(Consent.class, "referred-by-anna-allows-disclosure");
    }
}
