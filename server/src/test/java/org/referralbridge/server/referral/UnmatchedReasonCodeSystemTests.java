package org.referralbridge.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.ConformancePackage;

/** Every reason the service gives staff for an unmatched referral is a code of the package's referral-reason system. */
class UnmatchedReasonCodeSystemTests {

    @Test
    void everyUnmatchedReasonIsACodeOfTheReasonCodeSystem() {
        assertThat(reasonCodes())
                .containsAll(Stream.of(UnmatchedReason.values()).map(Enum::name).toList());
    }

    @Test
    void everyReasonAClaimIsDeclinedForIsACodeOfTheReasonCodeSystem() {
        assertThat(reasonCodes())
                .containsAll(Stream.of(DeclinedReason.values()).map(Enum::name).toList());
    }

    private static List<String> reasonCodes() {
        return ConformancePackage.loadFromClasspath(FhirContext.forR4Cached()).codeSystems().stream()
                .filter(codeSystem -> codeSystem.getUrl().equals(Canonicals.REFERRAL_REASON_CODE_SYSTEM))
                .flatMap(codeSystem -> codeSystem.getConcept().stream())
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .toList();
    }
}
