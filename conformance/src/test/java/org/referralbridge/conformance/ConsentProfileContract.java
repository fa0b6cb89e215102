package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.referralbridge.conformance.Canonicals.Consents;

/**
 * What the three consent profiles share, tested once for each: scope patient-privacy, our category, a Patient, a
 * date, one of four statuses, our policy and a provision. Each profile's test class extends this with its example
 * and adds the rules of its own; every negative test breaks the example in one place.
 */
abstract class ConsentProfileContract {

    static final ConformanceValidator validator = Conformance.validator();

    /** The profile's example from the package, fresh for each call. */
    abstract Consent example();

    /** The category code of another consent kind, which this profile must refuse. */
    abstract String otherCategory();

    static List<ValidationReport.Issue> errorsOf(Consent consent) {
        return validator.validate(consent).errors();
    }

    @Test
    void acceptsTheExampleAsItIs() {
        ValidationReport report = validator.validate(example());

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ConsentState.class,
            names = {"DRAFT", "ENTEREDINERROR"})
    void rejectsAStatusOutsideActiveInactiveRejectedProposed(ConsentState status) {
        Consent consent = example();
        consent.setStatus(status);

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-1"));
    }

    @Test
    void rejectsAConsentWithoutPatient() {
        Consent consent = example();
        consent.setPatient(null);

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.patient"));
    }

    @Test
    void rejectsAPatientThatIsNoPatientReference() {
        Consent consent = example();
        consent.setPatient(new Reference("RelatedPerson/1"));

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-consent-2"));
    }

    @Test
    void rejectsAnotherScopeThanPatientPrivacy() {
        Consent consent = example();
        consent.setScope(new CodeableConcept(new Coding(Consents.SCOPE_CODE_SYSTEM, "research", null)));

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.scope"));
    }

    @Test
    void rejectsTheCategoryOfAnotherConsentKind() {
        Consent consent = example();
        consent.getCategoryFirstRep().getCodingFirstRep().setCode(otherCategory());

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.category"));
    }

    @Test
    void rejectsAConsentWithoutDateTime() {
        Consent consent = example();
        consent.setDateTimeElement(null);

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.dateTime"));
    }

    @Test
    void rejectsAConsentWithoutPolicy() {
        Consent consent = example();
        consent.getPolicy().clear();

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.policy"));
    }

    @Test
    void rejectsAnotherPolicyThanOurs() {
        Consent consent = example();
        consent.getPolicyFirstRep().setUri("https://practice.example.org/privacy");

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.location()).contains("Consent.policy"));
    }

    @Test
    void rejectsAConsentWithoutProvision() {
        Consent consent = example();
        consent.setProvision(null);

        assertThat(errorsOf(consent))
                .anySatisfy(issue -> assertThat(issue.message()).contains("Consent.provision"));
    }
}
