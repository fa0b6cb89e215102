package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.referralbridge.conformance.Canonicals.Compliance;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.RewardDecision;

/**
 * The ReferralReward profile (on Basic) refuses what the service must never write into an EHR: each test breaks the
 * example in one place.
 */
class ReferralRewardProfileTests {

    private static final ConformanceValidator validator = Conformance.validator();

    @ParameterizedTest
    @ValueSource(strings = {"reward-for-referred-by-anna", "reward-thank-you-only"})
    void acceptsTheExamplesAsTheyAre(String id) {
        ValidationReport report = validator.validate(Conformance.pkg().example(Basic.class, id));

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    static Stream<String> statusCodes() {
        return codesOf(ReferralReward.STATUS_CODE_SYSTEM);
    }

    static Stream<String> kindCodes() {
        return codesOf(ReferralReward.KIND_CODE_SYSTEM);
    }

    static Stream<String> outcomeCodes() {
        return codesOf(Compliance.DECISION_CODE_SYSTEM);
    }

    static Stream<String> ruleCodes() {
        return codesOf(Compliance.RULE_CODE_SYSTEM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCodes")
    void acceptsEveryStatusOfTheCodeSystem(String code) {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.STATUS)
                .setValue(new Coding(ReferralReward.STATUS_CODE_SYSTEM, code, null));

        assertValid(reward);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindCodes")
    void acceptsEveryKindOfTheCodeSystem(String code) {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.KIND).setValue(new Coding(ReferralReward.KIND_CODE_SYSTEM, code, null));

        assertValid(reward);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomeCodes")
    void acceptsEveryDecisionOutcomeOfTheCodeSystem(String code) {
        Basic reward = example();
        decision(reward)
                .getExtensionByUrl(RewardDecision.OUTCOME)
                .setValue(new Coding(Compliance.DECISION_CODE_SYSTEM, code, null));

        assertValid(reward);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleCodes")
    void acceptsEveryRuleIdOfTheCodeSystem(String code) {
        Basic reward = example();
        decision(reward).addExtension(RewardDecision.RULE, new Coding(Compliance.RULE_CODE_SYSTEM, code, null));

        assertValid(reward);
    }

    @Test
    void acceptsAnOverriddenDecisionWithSeveralRulesAndReasonsAndAnAbsoluteReferredPatient() {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.REFERRED_PATIENT)
                .setValue(new Reference("https://ehr.example.org/fhir/Patient/p-42/_history/3"));
        Extension decision = decision(reward);
        decision.getExtension().clear();
        decision.addExtension(RewardDecision.OUTCOME, new Coding(Compliance.DECISION_CODE_SYSTEM, "allow", null));
        decision.addExtension(
                RewardDecision.RULE, new Coding(Compliance.RULE_CODE_SYSTEM, "AKS-REFERRED-BENEFICIARY", null));
        decision.addExtension(RewardDecision.RULE, new Coding(Compliance.RULE_CODE_SYSTEM, "OVERRIDE", null));
        decision.addExtension(RewardDecision.REASON, new StringType("Approved by the compliance officer, memo 12."));
        decision.addExtension(RewardDecision.REASON, new StringType("Item is a USD 10 service credit."));

        ValidationReport report = validator.validate(reward);

        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void rejectsARewardWithoutReferredPatient() {
        Basic reward = example();
        remove(reward, ReferralReward.REFERRED_PATIENT);

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Basic.extension:referredPatient"));
    }

    @Test
    void rejectsAReferredPatientThatIsNoPatient() {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.REFERRED_PATIENT).setValue(new Reference("Practitioner/1"));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-reward-3"));
    }

    @Test
    void rejectsAStatusThatIsNotInTheCodeSystem() {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.STATUS)
                .setValue(new Coding(ReferralReward.STATUS_CODE_SYSTEM, "paid", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralReward.STATUS_VALUE_SET));
    }

    @Test
    void rejectsTwoStatuses() {
        Basic reward = example();
        reward.addExtension(ReferralReward.STATUS, new Coding(ReferralReward.STATUS_CODE_SYSTEM, "issued", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Basic.extension:status: max allowed = 1"));
    }

    @Test
    void rejectsARetailValueInAnotherCurrencyThanUsDollars() {
        Basic reward = example();
        retailValue(reward).setCurrency("EUR");

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-reward-1"));
    }

    @Test
    void rejectsARetailValueWithoutCurrency() {
        Basic reward = example();
        retailValue(reward).setCurrency(null);

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-reward-1"));
    }

    @Test
    void rejectsANegativeRetailValue() {
        Basic reward = example();
        retailValue(reward).setValue(-5);

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-reward-1"));
    }

    @Test
    void rejectsAKindThatIsNotInTheCodeSystem() {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.KIND)
                .setValue(new Coding(ReferralReward.KIND_CODE_SYSTEM, "gift-card", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralReward.KIND_VALUE_SET));
    }

    @Test
    void rejectsADecisionOutcomeThatIsNotOurs() {
        Basic reward = example();
        decision(reward)
                .getExtensionByUrl(RewardDecision.OUTCOME)
                .setValue(new Coding("http://terminology.hl7.org/CodeSystem/consentaction", "permit", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(Compliance.DECISION_VALUE_SET));
    }

    @Test
    void rejectsARuleIdThatIsNotInTheCodeSystem() {
        Basic reward = example();
        decision(reward).addExtension(RewardDecision.RULE, new Coding(Compliance.RULE_CODE_SYSTEM, "NY-999", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(Compliance.RULE_VALUE_SET));
    }

    @Test
    void rejectsADecisionWithoutOutcome() {
        Basic reward = example();
        decision(reward).removeExtension(RewardDecision.OUTCOME);
        decision(reward).addExtension(RewardDecision.REASON, new StringType("No outcome."));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Extension.extension:outcome"));
    }

    @Test
    void rejectsARewardWithoutReferralIdOrWithAnotherIdentifierSystem() {
        Basic without = example();
        remove(without, ReferralReward.REFERRAL);
        Basic otherSystem = example();
        otherSystem
                .getExtensionByUrl(ReferralReward.REFERRAL)
                .setValue(new Identifier()
                        .setSystem("https://ehr.example.org/referrals")
                        .setValue("7"));

        assertThat(validator.validate(without).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("'Basic.extension:referral'"));
        assertThat(validator.validate(otherSystem).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains(ReferralReward.REFERRAL_SYSTEM));
    }

    @Test
    void rejectsARewardWithoutItsOwnIdentifier() {
        Basic reward = example();
        reward.getIdentifier().clear();

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Basic.identifier:reward"));
    }

    @Test
    void rejectsAnotherBasicCodeThanReferralReward() {
        Basic reward = example();
        reward.setCode(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/basic-resource-type", "account", null)));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.location()).contains("Basic.code"));
    }

    @Test
    void rejectsARewardWithoutSubjectOrForSomeoneOtherThanAPatient() {
        Basic without = example();
        without.setSubject(null);
        Basic practitioner = example();
        practitioner.setSubject(new Reference("Practitioner/1"));

        assertThat(validator.validate(without).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Basic.subject"));
        assertThat(validator.validate(practitioner).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("rb-reward-2"));
    }

    @Test
    void rejectsARewardWithoutCreated() {
        Basic reward = example();
        reward.setCreatedElement(null);

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("Basic.created"));
    }

    @Test
    void rejectsAProgramThatIsNoString() {
        Basic reward = example();
        reward.getExtensionByUrl(ReferralReward.PROGRAM).setValue(new Coding("urn:programs", "tell-a-friend", null));

        assertThat(validator.validate(reward).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("allows for the types [string]"));
    }

    @Test
    void acceptsARevision() {
        Basic reward = example();
        reward.addExtension(ReferralReward.REVISION, new PositiveIntType(3));

        assertValid(reward);
    }

    @Test
    void rejectsARevisionThatIsNoPositiveInteger() {
        Basic zero = example();
        zero.addExtension(ReferralReward.REVISION, new PositiveIntType(0));
        Basic text = example();
        text.addExtension(ReferralReward.REVISION, new StringType("3"));

        assertThat(validator.validate(zero).isValid()).isFalse();
        assertThat(validator.validate(text).errors())
                .anySatisfy(issue -> assertThat(issue.message()).contains("allows for the types [positiveInt]"));
    }

    @Test
    void rejectsTwoRevisions() {
        Basic reward = example();
        reward.addExtension(ReferralReward.REVISION, new PositiveIntType(3));
        reward.addExtension(ReferralReward.REVISION, new PositiveIntType(4));

        assertThat(validator.validate(reward).isValid()).isFalse();
    }

    private static void assertValid(Basic reward) {
        ValidationReport report = validator.validate(reward);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    private static Stream<String> codesOf(String system) {
        return Conformance.pkg().codeSystems().stream()
                .filter(codeSystem -> codeSystem.getUrl().equals(system))
                .flatMap(codeSystem -> codeSystem.getConcept().stream())
                .map(ConceptDefinitionComponent::getCode);
    }

    private static Basic example() {
        return Conformance.pkg().example(Basic.class, "reward-for-referred-by-anna");
    }

    private static void remove(Basic reward, String url) {
        reward.getExtension().removeIf(extension -> extension.getUrl().equals(url));
    }

    private static Extension decision(Basic reward) {
        return reward.getExtensionByUrl(RewardDecision.URL);
    }

    private static Money retailValue(Basic reward) {
        return (Money) reward.getExtensionByUrl(ReferralReward.RETAIL_VALUE).getValue();
    }
}
