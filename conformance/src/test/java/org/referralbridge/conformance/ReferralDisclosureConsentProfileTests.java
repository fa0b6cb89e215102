package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferralDisclosureConsent;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * The ReferralDisclosureConsent profile (on Consent) accepts only a consent that says who may be told about whom:
 * each negative test breaks the example in one place.
 */
class ReferralDisclosureConsentProfileTests extends ConsentProfileContract {

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

    @Override
    String otherCategory() {
        return ReferrerRecognitionConsent.CATEGORY;
    }

    @Override
    Consent example() {
        return Conformance.pkg().example(Consent.class, "referred-by-anna-allows-disclosure");
    }
}
