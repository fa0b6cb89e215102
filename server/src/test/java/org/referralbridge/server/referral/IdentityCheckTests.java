package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a referred patient and the advocate a claim names are one person, may be, or are not. */
class IdentityCheckTests {

    private static final String MRN = "http://clinic.example.org/mrn";

    @Test
    void theSamePatientIsASelfReferral() {
        assertThat(IdentityCheck.of(facts("7").build(), facts("7").build()).selfReferral())
                .isTrue();
    }

    @Test
    void aPatientLinkInEitherDirectionIsASelfReferral() {
        PatientFacts referrer = facts("1").build();
        PatientFacts referred = facts("2").links("1").build();

        assertThat(IdentityCheck.of(referred, referrer).selfReferral()).isTrue();
        assertThat(IdentityCheck.of(facts("2").build(), facts("1").links("2").build())
                        .selfReferral())
                .isTrue();
        assertThat(IdentityCheck.of(facts("2").links("3").build(), referrer)).isEqualTo(IdentityCheck.DIFFERENT);
    }

    @Test
    void aSharedIdentifierNeedsTheSameSystemAndValue() {
        PatientFacts referrer = facts("1").identifiers(MRN + "|A-100").build();

        assertThat(IdentityCheck.of(
                                facts("2").identifiers(" " + MRN + "|A-100 ").build(), referrer)
                        .selfReferral())
                .isTrue();
        assertThat(IdentityCheck.of(
                        facts("2")
                                .identifiers("http://other.example.org/mrn|A-100")
                                .build(),
                        referrer))
                .isEqualTo(IdentityCheck.DIFFERENT);
        assertThat(IdentityCheck.of(facts("2").identifiers(MRN + "|A-101").build(), referrer))
                .isEqualTo(IdentityCheck.DIFFERENT);
    }

    @Test
    void anIdentifierWithoutASystemIsNotCompared() {
        assertThat(new PatientFacts("1", Set.of("|A-100", "A-100"), null, null, null, null, null).identifiers())
                .isEmpty();
    }

    @Test
    void theSameFamilyNameAndBirthDateIsAPossibleDuplicate() {
        IdentityCheck check = IdentityCheck.of(
                facts("2").family("RIVERA ").born("1980-04-12").build(),
                facts("1").family("Rivera").born("1980-04-12").build());

        assertThat(check.possibleDuplicate()).isTrue();
        assertThat(check.selfReferral()).isFalse();
        assertThat(check.duplicateSignals()).containsExactly(DuplicateSignal.FAMILY_NAME_AND_BIRTH_DATE);
    }

    @Test
    void theSameFamilyNameWithAnotherBirthDateOrNoneIsNoDuplicate() {
        PatientFacts referrer = facts("1").family("Rivera").born("1980-04-12").build();

        assertThat(IdentityCheck.of(
                        facts("2").family("Rivera").born("1992-11-30").build(), referrer))
                .isEqualTo(IdentityCheck.DIFFERENT);
        assertThat(IdentityCheck.of(
                        facts("2").family("Rivera").build(),
                        facts("1").family("Rivera").build()))
                .isEqualTo(IdentityCheck.DIFFERENT);
        assertThat(IdentityCheck.of(
                        facts("2").family("Costa").born("1980-04-12").build(), referrer))
                .isEqualTo(IdentityCheck.DIFFERENT);
    }

    @Test
    void phonesAreComparedByTheirDigits() {
        IdentityCheck check = IdentityCheck.of(
                facts("2").phone("+1 (555) 010-4477").build(),
                facts("1").phone("555.010.4477").build());

        assertThat(check.duplicateSignals()).containsExactly(DuplicateSignal.PHONE);
        assertThat(IdentityCheck.of(
                        facts("2").phone("555-010-4478").build(),
                        facts("1").phone("555-010-4477").build()))
                .isEqualTo(IdentityCheck.DIFFERENT);
        assertThat(IdentityCheck.of(
                        facts("2").phone("911").build(), facts("1").phone("911").build()))
                .as("too short to be a phone number")
                .isEqualTo(IdentityCheck.DIFFERENT);
    }

    @Test
    void emailsAreComparedWithoutCase() {
        IdentityCheck check = IdentityCheck.of(
                facts("2").email("Ana.Rivera@Example.org").build(),
                facts("1").email("ana.rivera@example.org").build());

        assertThat(check.duplicateSignals()).containsExactly(DuplicateSignal.EMAIL);
    }

    @Test
    void everySignalThatMatchesIsNamedInOrder() {
        IdentityCheck check = IdentityCheck.of(
                facts("2")
                        .email("a@example.org")
                        .phone("5550104477")
                        .family("Lima")
                        .born("1969-07-21")
                        .build(),
                facts("1")
                        .email("a@example.org")
                        .phone("5550104477")
                        .family("Lima")
                        .born("1969-07-21")
                        .build());

        assertThat(check.duplicateSignals())
                .containsExactly(
                        DuplicateSignal.FAMILY_NAME_AND_BIRTH_DATE, DuplicateSignal.PHONE, DuplicateSignal.EMAIL);
    }

    @Test
    void aSelfReferralIsNotAlsoAPossibleDuplicate() {
        IdentityCheck check = IdentityCheck.of(
                facts("2").links("1").email("a@example.org").build(),
                facts("1").email("a@example.org").build());

        assertThat(check.selfReferral()).isTrue();
        assertThat(check.possibleDuplicate()).isFalse();
    }

    @Test
    void factsNameNoPhiWhenPrinted() {
        PatientFacts facts = facts("2")
                .family("Quillfeather")
                .born("1938-07-14")
                .email("z@example.org")
                .build();

        assertThat(facts.toString()).contains("Patient/2").doesNotContain("quillfeather", "1938", "example.org");
        assertThat(new ReferralClaim("2", null, null, "social", null)
                        .withReferredPatient(facts)
                        .toString())
                .doesNotContain("quillfeather", "1938", "example.org");
    }

    private static Facts facts(String id) {
        return new Facts(id);
    }

    /** A readable PatientFacts builder. */
    private static final class Facts {
        private final String id;
        private Set<String> identifiers = Set.of();
        private Set<String> links = Set.of();
        private Set<String> families = Set.of();
        private String birthDate;
        private Set<String> phones = Set.of();
        private Set<String> emails = Set.of();

        Facts(String id) {
            this.id = id;
        }

        Facts identifiers(String... values) {
            identifiers = Set.of(values);
            return this;
        }

        Facts links(String... ids) {
            links = Set.of(ids);
            return this;
        }

        Facts family(String family) {
            families = Set.of(family);
            return this;
        }

        Facts born(String date) {
            birthDate = date;
            return this;
        }

        Facts phone(String phone) {
            phones = Set.of(phone);
            return this;
        }

        Facts email(String email) {
            emails = Set.of(email);
            return this;
        }

        PatientFacts build() {
            return new PatientFacts(id, identifiers, links, families, birthDate, phones, emails);
        }
    }
}
