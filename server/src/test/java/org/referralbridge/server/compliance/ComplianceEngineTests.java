package org.referralbridge.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.referralbridge.server.compliance.Requests.coverage;
import static org.referralbridge.server.compliance.Requests.item;
import static org.referralbridge.server.compliance.Requests.items;
import static org.referralbridge.server.compliance.Requests.offered;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceEngineTests {

    private final ComplianceEngine engine = new ComplianceEngine();

    private static ComplianceRequest medicareReferrer(RewardItem item) {
        return ComplianceRequest.of(item, coverage("MEDICARE"), BeneficiaryStatus.none());
    }

    @Test
    void reducesToTheMostValuableItemThatPassesEveryRule() {
        ComplianceRequest request = medicareReferrer(offered(RewardKind.IN_KIND, "40"))
                .withProgramItems(
                        items("IN_KIND:5 CASH_EQUIVALENT:15 IN_KIND:15.01 IN_KIND:12 RECOGNITION:0 DONATION:9"));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.REDUCE);
        assertThat(decision.allowedItem()).contains(item("IN_KIND:12"));
        assertThat(decision.reasons()).last().asString().contains("in_kind-12", "$12.00", "program p1");
    }

    @Test
    void neverReducesToAnItemOfAnotherProgram() {
        RewardItem otherProgram = new RewardItem("p2", "mug", RewardKind.IN_KIND, new BigDecimal("10"));
        ComplianceRequest request =
                medicareReferrer(offered(RewardKind.IN_KIND, "40")).withProgramItems(List.of(otherProgram));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.THANK_YOU_ONLY);
        assertThat(decision.allowedItem()).isEmpty();
        assertThat(decision.reasons()).last().asString().contains("No item of program p1");
    }

    @Test
    void neverReducesToAMoreValuableItemOrToTheItemItself() {
        // The $12 in-kind item passes every rule, but a reduction never gives more than the program offered.
        RewardItem itself = offered(RewardKind.CASH_EQUIVALENT, "10");
        ComplianceRequest request =
                medicareReferrer(itself).withProgramItems(List.of(itself, item("IN_KIND:12"), item("IN_KIND:8")));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.REDUCE);
        assertThat(decision.allowedItem()).contains(item("IN_KIND:8"));
        assertThat(decision.requestedItem()).isEqualTo(itself);
        assertThat(decision.ruleIds()).containsExactly("OIG-CASH-EQUIVALENT");
    }

    @Test
    void picksBetweenItemsOfEqualValueByItemIdSoTheChoiceIsStable() {
        RewardItem b = new RewardItem("p1", "b-tote", RewardKind.IN_KIND, new BigDecimal("10"));
        RewardItem a = new RewardItem("p1", "a-mug", RewardKind.IN_KIND, new BigDecimal("10.00"));
        ComplianceRequest request =
                medicareReferrer(offered(RewardKind.IN_KIND, "20")).withProgramItems(List.of(b, a));

        assertThat(engine.decide(request).allowedItem()).contains(a);
    }

    @Test
    void theStrictestCapWinsWhenTexasAndOigBothApply() {
        // OIG allows $15 per item, Texas $10 for a Medicaid referrer: the $12 item passes OIG and fails Texas.
        ComplianceRequest request = ComplianceRequest.of(
                        offered(RewardKind.IN_KIND, "15"), coverage("MEDICAID"), BeneficiaryStatus.none())
                .withPracticeState("TX")
                .withProgramItems(items("IN_KIND:12 IN_KIND:10 IN_KIND:4"));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.REDUCE);
        assertThat(decision.allowedItem()).contains(item("IN_KIND:10"));
        assertThat(decision.ruleIds()).containsExactly("TX-MEDICAID-10-25");
    }

    @Test
    void theStrictestYearlyCapWinsOnWhatIsLeftOfTheYear() {
        // Left this year: OIG 75 - 60 = 15, Texas 25 - 19 = 6, practice 100 - 60 = 40; only the $5 item fits all.
        ComplianceRequest request = ComplianceRequest.of(
                        offered(RewardKind.IN_KIND, "10"), coverage("MEDICAID"), BeneficiaryStatus.none())
                .withPracticeState("TX")
                .withPracticeCaps(new PracticeCaps(Optional.empty(), Optional.of(new BigDecimal("100"))))
                .withHistory(new LedgerHistory(
                        new BigDecimal("60"), Map.of(ComplianceRule.TX_MEDICAID_10_25, new BigDecimal("19"))))
                .withProgramItems(items("IN_KIND:8 IN_KIND:6.01 IN_KIND:5"));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.REDUCE);
        assertThat(decision.allowedItem()).contains(item("IN_KIND:5"));
        assertThat(decision.ruleIds()).containsExactly("TX-MEDICAID-10-25");
    }

    @Test
    void aPracticeCapStricterThanOigDecides() {
        ComplianceRequest request = medicareReferrer(offered(RewardKind.IN_KIND, "14"))
                .withPracticeCaps(new PracticeCaps(Optional.of(new BigDecimal("7.50")), Optional.empty()))
                .withProgramItems(items("IN_KIND:10 IN_KIND:7.50"));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.allowedItem()).contains(item("IN_KIND:7.50"));
        assertThat(decision.ruleIds()).containsExactly("PRACTICE-CAP-ITEM");
    }

    @Test
    void aStateBanIsStricterThanAThankYouOnly() {
        ComplianceRequest request = ComplianceRequest.of(
                        offered(RewardKind.CASH, "50"), coverage("MEDICARE"), coverage("MEDICAID"))
                .withPracticeState("CA")
                .withProgramItems(items("RECOGNITION:0"));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.BLOCK);
        assertThat(decision.ruleIds())
                .containsExactly("AKS-REFERRED-BENEFICIARY", "OIG-CASH-EQUIVALENT", "OIG-NOMINAL-ITEM-15", "CA-BP-650");
        assertThat(decision.reasons()).hasSize(4).first().asString().contains("(MEDICAID)");
    }

    @Test
    void recordsTheOverrideItUsedWithoutCopyingTheAdminsFreeText() {
        ProgramAdminOverride override = Requests.override();
        ComplianceRequest request = ComplianceRequest.of(
                        offered(RewardKind.IN_KIND, "10"), BeneficiaryStatus.none(), coverage("MEDICARE"))
                .withOverride(override);

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.outcome()).isEqualTo(ComplianceOutcome.ALLOW);
        assertThat(decision.override()).contains(override);
        assertThat(decision.reasons())
                .anySatisfy(reason -> assertThat(reason).contains("AKS-REFERRED-BENEFICIARY", "admin-7"))
                .noneSatisfy(reason -> assertThat(reason).contains(override.reason()));
    }

    @Test
    void doesNotRecordAnOverrideThatWasNotNeeded() {
        ComplianceRequest request = ComplianceRequest.of(
                        offered(RewardKind.IN_KIND, "10"), BeneficiaryStatus.none(), BeneficiaryStatus.none())
                .withOverride(Requests.override());

        assertThat(engine.decide(request).override()).isEmpty();
    }

    @Test
    void anAllowNamesTheRulesItWasCheckedAgainst() {
        ComplianceRequest request =
                medicareReferrer(offered(RewardKind.IN_KIND, "5")).withPracticeState("fl ");
        ComplianceRequest recognition =
                medicareReferrer(RewardItem.recognition("p1", "wall")).withPracticeState("FL");

        ComplianceDecision blocked = engine.decide(request);
        ComplianceDecision allowed = engine.decide(recognition);

        assertThat(blocked.outcome()).isEqualTo(ComplianceOutcome.BLOCK);
        assertThat(allowed.outcome()).isEqualTo(ComplianceOutcome.ALLOW);
        assertThat(allowed.rules()).isEqualTo(allowed.rulesChecked()).contains(ComplianceRule.FL_817_505);
        assertThat(allowed.reasons()).singleElement().asString().contains("wall", "passes every applicable rule");
    }

    @Test
    void reasonsNameItemsAndAmountsOnly() {
        ComplianceRequest request = medicareReferrer(offered(RewardKind.CASH_EQUIVALENT, "25"))
                .withHistory(LedgerHistory.of(new BigDecimal("70")));

        ComplianceDecision decision = engine.decide(request);

        assertThat(decision.reasons())
                .contains("The referrer is a government health care program beneficiary: item offered"
                        + " (CASH_EQUIVALENT, $25.00) is cash or a cash equivalent, which is never of nominal value.")
                .anySatisfy(reason -> assertThat(reason).contains("$95.00", "already $70.00", "$75.00"));
    }

    @Test
    void aDecisionOtherThanAllowIsNeverSilent() {
        assertThatThrownBy(() -> new ComplianceDecision(
                        offered(RewardKind.CASH, "1"),
                        ComplianceOutcome.BLOCK,
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of("x"),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one rule");
        assertThatThrownBy(() -> new ComplianceDecision(
                        offered(RewardKind.CASH, "1"),
                        ComplianceOutcome.REDUCE,
                        Optional.empty(),
                        List.of(ComplianceRule.OIG_NOMINAL_ITEM_15),
                        List.of(),
                        List.of("x"),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must name an item");
    }

    @Test
    void refusesAnOverrideWithoutReasonAndAMalformedState() {
        assertThatThrownBy(() -> new ProgramAdminOverride("admin-7", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recorded reason");
        ComplianceRequest request =
                ComplianceRequest.of(offered(RewardKind.CASH, "1"), BeneficiaryStatus.none(), BeneficiaryStatus.none());
        assertThatThrownBy(() -> request.withPracticeState("Florida"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USPS");
    }

    @Test
    void refusesARecognitionItemWithAValueAndANegativeValue() {
        assertThatThrownBy(() -> new RewardItem("p1", "wall", RewardKind.RECOGNITION, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RewardItem("p1", "mug", RewardKind.IN_KIND, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANegativeHistory() {
        assertThatThrownBy(() -> LedgerHistory.of(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerHistory(
                        BigDecimal.ZERO, Map.of(ComplianceRule.OIG_NOMINAL_YEAR_75, new BigDecimal("-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRuleHasAStableIdAndASource() {
        assertThat(ComplianceRule.values())
                .extracting(ComplianceRule::id)
                .containsExactly(
                        "AKS-REFERRED-BENEFICIARY",
                        "OIG-CASH-EQUIVALENT",
                        "OIG-NOMINAL-ITEM-15",
                        "OIG-NOMINAL-YEAR-75",
                        "FL-817-505",
                        "CA-BP-650",
                        "TX-MEDICAID-10-25",
                        "PRACTICE-CAP-ITEM",
                        "PRACTICE-CAP-YEAR");
        assertThat(ComplianceRule.values())
                .allSatisfy(rule -> assertThat(rule.source()).isNotBlank());
    }
}
