package org.referralbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;

/**
 * How a profile recognises the program's consents: the package's markers by default, an EHR's own in a profile's
 * {@code consent} section (a kind it leaves out keeps the package's), and a located problem for a marker that is none.
 */
class ConsentRecognitionTests {

    private static final String VENDOR_MESSAGES = "http://vendor.example.com/consent-category|marketing-opt-in";

    @Test
    void theShippedProfilesRecogniseThePackagesCategoryCodesAndProfiles() {
        ConsentRecognition recognition = Fhir.PROFILES.defaultProfile().consent();

        assertThat(recognition.kindOf(
                        List.of(Canonicals.Consents.KIND_CODE_SYSTEM + "|referral-disclosure"), List.of()))
                .contains("referral-disclosure");
        assertThat(recognition.kindOf(List.of(), List.of(Canonicals.ProgramMessagesConsent.URL)))
                .contains("program-messages");
        assertThat(recognition.kindOf(List.of("http://loinc.org|59284-0"), List.of()))
                .isEmpty();
    }

    @Test
    void aProfileNamesItsEhrsOwnMarkersAndKeepsThePackagesForTheKindsItLeavesOut() {
        MappingProfile profile = Fhir.PROFILES.load("""
                formatVersion: 1
                name: vendor-consents
                extends: default
                consent:
                  programMessages:
                    - "%s"
                    - https://vendor.example.com/fhir/StructureDefinition/marketing-consent
                """.formatted(VENDOR_MESSAGES), "vendor-consents.yaml");

        ConsentRecognition recognition = profile.consent();

        assertThat(recognition.kindOf(List.of(VENDOR_MESSAGES), List.of())).contains("program-messages");
        assertThat(recognition.kindOf(
                        List.of(), List.of("https://vendor.example.com/fhir/StructureDefinition/marketing-consent")))
                .contains("program-messages");
        assertThat(recognition.kindOf(List.of(Canonicals.Consents.KIND_CODE_SYSTEM + "|program-messages"), List.of()))
                .as("the kind's package markers are replaced by the profile's")
                .isEmpty();
        assertThat(recognition.kindOf(List.of(), List.of(Canonicals.ReferrerRecognitionConsent.URL)))
                .contains("referrer-recognition");
    }

    @Test
    void aMarkerThatIsNeitherACodingNorAUrlAndAnUnknownKindAreReportedWithTheirPlace() {
        Throwable thrown = catchThrowable(() -> Fhir.PROFILES.load("""
                formatVersion: 1
                name: bad-consents
                extends: default
                consent:
                  referralDisclosure: ["|share"]
                  researchConsent: [http://example.org/x]
                """, "bad-consents.yaml"));

        assertThat(thrown).isInstanceOf(InvalidMappingProfile.class);
        assertThat(((InvalidMappingProfile) thrown).problems())
                .anySatisfy(problem -> {
                    assertThat(problem.path()).startsWith("consent.referralDisclosure");
                    assertThat(problem.message()).contains("system|code");
                    assertThat(problem.line()).isEqualTo(5);
                })
                .anySatisfy(problem -> assertThat(problem.path()).contains("researchConsent"));
    }
}
