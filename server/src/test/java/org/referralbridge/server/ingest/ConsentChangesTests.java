package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.mapping.ConsentRecognition;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentStatement;

/** A Consent read as the program's statement, recognised as the mapping profile says. */
class ConsentChangesTests {

    private static final String VENDOR = "http://vendor.example.com/consent-category";

    @Test
    void theDefaultRecognitionReadsThePackagesConsentAndLeavesOtherConsentsAlone() {
        Consent ours = messages(new Coding(Consents.KIND_CODE_SYSTEM, "program-messages", null));
        Consent treatment = messages(new Coding("http://loinc.org", "59284-0", null));

        ConsentStatement statement = ConsentChanges.statement(ours, ConsentRecognition.packageDefault())
                .orElseThrow();

        assertThat(statement.kind()).isEqualTo(ConsentKind.PROGRAM_MESSAGES);
        assertThat(statement.patientId()).isEqualTo("p-7");
        assertThat(statement.channels()).containsExactly("email");
        assertThat(statement.permit()).isTrue();
        assertThat(statement.ehrConsentId()).isEqualTo("c-1");
        assertThat(ConsentChanges.statement(treatment, ConsentRecognition.packageDefault()))
                .isEmpty();
    }

    @Test
    void aProfilesOwnMarkerRecognisesAnEhrsOwnCategory() {
        Consent vendor = messages(new Coding(VENDOR, "marketing-opt-in", null));
        ConsentRecognition recognition =
                new ConsentRecognition(Map.of("program-messages", List.of(VENDOR + "|marketing-opt-in")));

        assertThat(ConsentChanges.statement(vendor, ConsentRecognition.packageDefault()))
                .isEmpty();
        assertThat(ConsentChanges.statement(vendor, recognition))
                .hasValueSatisfying(statement -> assertThat(statement.kind()).isEqualTo(ConsentKind.PROGRAM_MESSAGES));
    }

    private static Consent messages(Coding category) {
        Consent consent = new Consent();
        consent.setId("c-1");
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.addCategory(new CodeableConcept(category));
        consent.setPatient(new Reference("Patient/p-7"));
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        consent.getProvision()
                .addCode(new CodeableConcept(
                        new Coding(ProgramMessagesConsent.CHANNEL_CODE_SYSTEM, ProgramMessagesConsent.EMAIL, null)));
        return consent;
    }
}
