package org.referralbridge.server.reward;

import static org.referralbridge.server.reward.RewardScenario.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.referralbridge.server.reward.RewardScenario.NotQualified;
import org.referralbridge.server.reward.RewardScenario.PracticeState;
import org.referralbridge.server.reward.RewardScenario.ReferredSetup;
import org.referralbridge.server.reward.RewardScenario.ReferrerSetup;
import org.referralbridge.server.reward.RewardScenario.Rejected;
import org.referralbridge.server.reward.RewardScenario.Reward;
import org.referralbridge.server.reward.RewardScenario.Timing;

/**
 * The reward scenario table every practice state's class runs (programs in {@code programs-rewards/}): program model
 * × Coverage of referrer and referred × history × timing, with what each state makes of it. The expectations are
 * worked out by hand from the compliance rules (see {@code ComplianceRule}), not by asking the engine:
 *
 * <ul>
 *   <li>a referred beneficiary gets no reward of value, with no substitute (thank-you only; a state ban, stricter,
 *       blocks);
 *   <li>a beneficiary referrer gets no cash or cash equivalent, at most $15 an item and $75 a year, and in Texas, when
 *       Medicaid, at most $10 an item and $25 a year counted over what was decided under that rule; each of these
 *       lets the program's most valuable passing item (worth no more) replace the offered one, else thank-you only;
 *   <li>Florida and California ban rewards of value: a recognition item of the program replaces it, else blocked;
 *   <li>an allow names every rule checked ({@link #checked}); any other outcome names the rules that decided it.
 * </ul>
 *
 * A reward that gives an item is {@code held} in program {@code in-kind} (7 hold days), {@code awaiting-approval} in
 * {@code donation} (manual approval) and {@code approved} elsewhere; one that gives nothing is {@code blocked}.
 */
final class RewardScenarios {

    static final String AKS = "AKS-REFERRED-BENEFICIARY";
    static final String CASH_EQ = "OIG-CASH-EQUIVALENT";
    static final String ITEM_15 = "OIG-NOMINAL-ITEM-15";
    static final String YEAR_75 = "OIG-NOMINAL-YEAR-75";
    static final String FL = "FL-817-505";
    static final String CA = "CA-BP-650";
    static final String TX_10_25 = "TX-MEDICAID-10-25";

    private static final String VISIT = "first-visit";

    private static final Set<Coverages> BENEFICIARY_AT_DECISION = Set.of(
            Coverages.MEDICARE, Coverages.MEDICAID, Coverages.TRICARE, Coverages.CHIP, Coverages.MEDICARE_SINCE_5_DAYS);
    private static final Set<Coverages> MEDICAID_AT_DECISION = Set.of(Coverages.MEDICAID, Coverages.CHIP);

    private RewardScenarios() {}

    /** The table, for {@code @MethodSource}. */
    static List<RewardScenario> all() {
        return RewardScenario.built(
                // ---- nobody covered: the program model decides, and the state bans
                scenario("direct credit, nobody covered", "credit")
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("in-kind gift held a week, nobody covered", "in-kind")
                        .earns(allow(VISIT, "spa-kit-20"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ban))),
                scenario("cash, nobody covered", "cash")
                        .earns(allow(VISIT, "cash-50"))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", ban))),
                scenario("gift card, nobody covered", "gift-card")
                        .earns(allow(VISIT, "gift-card-25"))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", ban))),
                scenario("donation awaiting approval, nobody covered", "donation")
                        .earns(allow(VISIT, "donation-10"))
                        .inBanStates(ban -> List.of(block(VISIT, "donation-10", ban))),
                scenario("recognition, nobody covered", "recognition").earns(allow(VISIT, "wall-of-thanks")),
                scenario("combination of three rules, nobody covered", "combination")
                        .earns(
                                allow("visit-credit", "credit-12"),
                                allow("charity", "donation-5"),
                                allow("card", "thank-you-card"))
                        .inBanStates(ban -> List.of(
                                reduce("visit-credit", "credit-12", "thank-you-card", ban),
                                reduce("charity", "donation-5", "thank-you-card", ban),
                                allow("card", "thank-you-card"))),
                scenario("tiered, first success, nobody covered", "tiered")
                        .earns(allow("tier-1", "credit-10"))
                        .inBanStates(ban -> List.of(block("tier-1", "credit-10", ban))),
                // ---- the referrer is a beneficiary
                scenario("direct credit of $15, Medicare referrer", "credit")
                        .referrer(Coverages.MEDICARE)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("in-kind $20, Medicare referrer: reduced to $10", "in-kind")
                        .referrer(Coverages.MEDICARE)
                        .earns(reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, ban))),
                scenario("cash, Medicare referrer: thank-you only", "cash")
                        .referrer(Coverages.MEDICARE)
                        .earns(thankYouOnly(VISIT, "cash-50", CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", CASH_EQ, ITEM_15, ban))),
                scenario("gift card, Medicare referrer: reduced to the credit", "gift-card")
                        .referrer(Coverages.MEDICARE)
                        .earns(reduce(VISIT, "gift-card-25", "credit-10", CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", CASH_EQ, ITEM_15, ban))),
                scenario("donation of $10, Medicare referrer", "donation")
                        .referrer(Coverages.MEDICARE)
                        .earns(allow(VISIT, "donation-10"))
                        .inBanStates(ban -> List.of(block(VISIT, "donation-10", ban))),
                scenario("direct credit of $15, Medicaid referrer", "credit")
                        .referrer(Coverages.MEDICAID)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban)))
                        .in(PracticeState.TX, reduce(VISIT, "credit-15", "thank-you-card", TX_10_25)),
                scenario("in-kind $20, Medicaid referrer", "in-kind")
                        .referrer(Coverages.MEDICAID)
                        .earns(reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, ban)))
                        .in(PracticeState.TX, reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15, TX_10_25)),
                scenario("gift card, Medicaid referrer", "gift-card")
                        .referrer(Coverages.MEDICAID)
                        .earns(reduce(VISIT, "gift-card-25", "credit-10", CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", CASH_EQ, ITEM_15, ban)))
                        .in(PracticeState.TX, reduce(VISIT, "gift-card-25", "credit-10", CASH_EQ, ITEM_15, TX_10_25)),
                scenario("cash, TRICARE referrer: thank-you only", "cash")
                        .referrer(Coverages.TRICARE)
                        .earns(thankYouOnly(VISIT, "cash-50", CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", CASH_EQ, ITEM_15, ban))),
                scenario("combination, TRICARE referrer", "combination")
                        .referrer(Coverages.TRICARE)
                        .earns(
                                allow("visit-credit", "credit-12"),
                                allow("charity", "donation-5"),
                                allow("card", "thank-you-card"))
                        .inBanStates(ban -> List.of(
                                reduce("visit-credit", "credit-12", "thank-you-card", ban),
                                reduce("charity", "donation-5", "thank-you-card", ban),
                                allow("card", "thank-you-card"))),
                scenario("in-kind $20, CHIP referrer", "in-kind")
                        .referrer(Coverages.CHIP)
                        .earns(reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, ban)))
                        .in(PracticeState.TX, reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15, TX_10_25)),
                scenario("tiered $10 credit, CHIP referrer", "tiered")
                        .referrer(Coverages.CHIP)
                        .earns(allow("tier-1", "credit-10"))
                        .inBanStates(ban -> List.of(block("tier-1", "credit-10", ban))),
                scenario("gift card, commercially insured referrer", "gift-card")
                        .referrer(Coverages.COMMERCIAL)
                        .earns(allow(VISIT, "gift-card-25"))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", ban))),
                scenario("gift card, referrer's Medicare expired", "gift-card")
                        .referrer(Coverages.MEDICARE_EXPIRED)
                        .earns(allow(VISIT, "gift-card-25"))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", ban))),
                scenario("cash, referrer's Medicare starts next month", "cash")
                        .referrer(Coverages.MEDICARE_LATER)
                        .earns(allow(VISIT, "cash-50"))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", ban))),
                scenario("cash, referrer on Medicare since after the referral was captured", "cash")
                        .referrer(Coverages.MEDICARE_SINCE_5_DAYS)
                        .timing(Timing.CAPTURED_10_DAYS_AGO)
                        .earns(thankYouOnly(VISIT, "cash-50", CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", CASH_EQ, ITEM_15, ban))),
                // ---- the referred patient is a beneficiary: nothing of value, no substitute
                scenario("direct credit, Medicare referred", "credit")
                        .referred(Coverages.MEDICARE)
                        .earns(thankYouOnly(VISIT, "credit-15", AKS))
                        .inBanStates(ban -> List.of(block(VISIT, "credit-15", AKS, ban))),
                scenario("in-kind, Medicaid referred", "in-kind")
                        .referred(Coverages.MEDICAID)
                        .earns(thankYouOnly(VISIT, "spa-kit-20", AKS))
                        .inBanStates(ban -> List.of(block(VISIT, "spa-kit-20", AKS, ban))),
                scenario("cash, TRICARE referred", "cash")
                        .referred(Coverages.TRICARE)
                        .earns(thankYouOnly(VISIT, "cash-50", AKS))
                        .inBanStates(ban -> List.of(block(VISIT, "cash-50", AKS, ban))),
                scenario("donation, CHIP referred", "donation")
                        .referred(Coverages.CHIP)
                        .earns(thankYouOnly(VISIT, "donation-10", AKS))
                        .inBanStates(ban -> List.of(block(VISIT, "donation-10", AKS, ban))),
                scenario("recognition, Medicare referred", "recognition")
                        .referred(Coverages.MEDICARE)
                        .earns(allow(VISIT, "wall-of-thanks")),
                scenario("combination, Medicare referred: only the card", "combination")
                        .referred(Coverages.MEDICARE)
                        .earns(
                                thankYouOnly("visit-credit", "credit-12", AKS),
                                thankYouOnly("charity", "donation-5", AKS),
                                allow("card", "thank-you-card"))
                        .inBanStates(ban -> List.of(
                                block("visit-credit", "credit-12", AKS, ban),
                                block("charity", "donation-5", AKS, ban),
                                allow("card", "thank-you-card"))),
                scenario("tiered, Medicaid referred", "tiered")
                        .referred(Coverages.MEDICAID)
                        .earns(thankYouOnly("tier-1", "credit-10", AKS))
                        .inBanStates(ban -> List.of(block("tier-1", "credit-10", AKS, ban))),
                scenario("direct credit, commercially insured referred", "credit")
                        .referred(Coverages.COMMERCIAL)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("direct credit, referred's Medicare ended before the referral", "credit")
                        .referred(Coverages.MEDICARE_EXPIRED)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("direct credit, referred's Medicare starts after the referral", "credit")
                        .referred(Coverages.MEDICARE_LATER)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("direct credit, referred on Medicare only since after the captured referral", "credit")
                        .referred(Coverages.MEDICARE_SINCE_5_DAYS)
                        .timing(Timing.CAPTURED_10_DAYS_AGO)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("gift card, Medicare referrer and Medicare referred", "gift-card")
                        .referrer(Coverages.MEDICARE)
                        .referred(Coverages.MEDICARE)
                        .earns(thankYouOnly(VISIT, "gift-card-25", AKS, CASH_EQ, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "gift-card-25", AKS, CASH_EQ, ITEM_15, ban))),
                scenario("in-kind, Medicaid referrer and Medicaid referred", "in-kind")
                        .referrer(Coverages.MEDICAID)
                        .referred(Coverages.MEDICAID)
                        .earns(thankYouOnly(VISIT, "spa-kit-20", AKS, ITEM_15))
                        .inBanStates(ban -> List.of(block(VISIT, "spa-kit-20", AKS, ITEM_15, ban)))
                        .in(PracticeState.TX, thankYouOnly(VISIT, "spa-kit-20", AKS, ITEM_15, TX_10_25)),
                // ---- history: what the referrer already received this year
                scenario("direct credit, Medicare referrer at $60 this year: exactly $75", "credit")
                        .referrer(Coverages.MEDICARE)
                        .history("60.00", false)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("direct credit, Medicare referrer at $65 this year: over $75", "credit")
                        .referrer(Coverages.MEDICARE)
                        .history("65.00", false)
                        .earns(reduce(VISIT, "credit-15", "thank-you-card", YEAR_75))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", YEAR_75, ban))),
                scenario("donation, Medicare referrer at $70 this year: thank-you only", "donation")
                        .referrer(Coverages.MEDICARE)
                        .history("70.00", false)
                        .earns(thankYouOnly(VISIT, "donation-10", YEAR_75))
                        .inBanStates(ban -> List.of(block(VISIT, "donation-10", YEAR_75, ban))),
                scenario("in-kind, Medicaid referrer at $20 this year under the Texas rule", "in-kind")
                        .referrer(Coverages.MEDICAID)
                        .history("20.00", true)
                        .earns(reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, ban)))
                        .in(PracticeState.TX, reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, TX_10_25)),
                scenario("in-kind, Medicaid referrer at $20 this year before the Texas rule applied", "in-kind")
                        .referrer(Coverages.MEDICAID)
                        .history("20.00", false)
                        .earns(reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15))
                        .inBanStates(ban -> List.of(reduce(VISIT, "spa-kit-20", "thank-you-card", ITEM_15, ban)))
                        .in(PracticeState.TX, reduce(VISIT, "spa-kit-20", "mug-10", ITEM_15, TX_10_25)),
                scenario("tiered $10 credit, Medicaid referrer at $20 this year under the Texas rule", "tiered")
                        .referrer(Coverages.MEDICAID)
                        .history("20.00", true)
                        .earns(allow("tier-1", "credit-10"))
                        .inBanStates(ban -> List.of(block("tier-1", "credit-10", ban)))
                        .in(PracticeState.TX, thankYouOnly("tier-1", "credit-10", TX_10_25)),
                // ---- program rules: rejected before any compliance decision, in every state
                scenario("staff referrer", "credit")
                        .referrer(ReferrerSetup.STAFF)
                        .everywhere(new Rejected("REFERRER_IS_STAFF")),
                scenario("referrer without a finished visit", "credit")
                        .referrer(ReferrerSetup.WITHOUT_VISIT)
                        .everywhere(new Rejected("REFERRER_NOT_ELIGIBLE")),
                scenario("referred patient had a visit before the referral was captured", "credit")
                        .referred(ReferredSetup.EARLIER_VISIT)
                        .everywhere(new Rejected("EXISTING_PATIENT")),
                scenario("referred patient is an advocate enrolled before the referral", "credit")
                        .referred(ReferredSetup.ADVOCATE)
                        .everywhere(new Rejected("EXISTING_PATIENT")),
                scenario("program ended", "ended").everywhere(new Rejected("PROGRAM_INACTIVE")),
                scenario("second referral in a program of one reward a year", "limited")
                        .referrals(2)
                        .everywhere(new Rejected("LIMIT_REACHED"))
                        // where the first one was blocked, nothing of value was rewarded: no limit reached
                        .inBanStates(ban -> List.of(block(VISIT, "credit-15", ban))),
                // ---- timing
                scenario("visit after the 30-day window", "credit")
                        .timing(Timing.AFTER_WINDOW)
                        .everywhere(new NotQualified("QUALIFICATION_WINDOW_EXPIRED")),
                scenario("referral captured 40 days before the visit", "credit")
                        .timing(Timing.CAPTURED_40_DAYS_AGO)
                        .everywhere(new NotQualified("QUALIFICATION_WINDOW_EXPIRED")),
                scenario("visit an hour before the code reached the front desk, no captured date", "credit")
                        .referred(ReferredSetup.VISIT_BEFORE_CODE)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))),
                scenario("referral captured 10 days before the visit", "credit")
                        .timing(Timing.CAPTURED_10_DAYS_AGO)
                        .earns(allow(VISIT, "credit-15"))
                        .inBanStates(ban -> List.of(reduce(VISIT, "credit-15", "thank-you-card", ban))));
    }

    /**
     * The rules an allow names, in the order of {@code ComplianceRule}: the referred-beneficiary rule always, the OIG
     * rules for a beneficiary referrer, the state's ban, and Texas's Medicaid rule for a Medicaid referrer.
     */
    static List<String> checked(RewardScenario scenario, PracticeState state) {
        List<String> rules = new ArrayList<>(List.of(AKS));
        if (BENEFICIARY_AT_DECISION.contains(scenario.referrer())) {
            rules.addAll(List.of(CASH_EQ, ITEM_15, YEAR_75));
        }
        if (state == PracticeState.FL) {
            rules.add(FL);
        }
        if (state == PracticeState.CA) {
            rules.add(CA);
        }
        if (state == PracticeState.TX && MEDICAID_AT_DECISION.contains(scenario.referrer())) {
            rules.add(TX_10_25);
        }
        return rules;
    }

    /** The status of a reward of the program: see the class comment. */
    static String status(String program, Reward reward) {
        if (!reward.givesItem()) {
            return "blocked";
        }
        if ("in-kind".equals(program)) {
            return "held";
        }
        return "donation".equals(program) ? "awaiting-approval" : "approved";
    }

    static Reward allow(String rule, String item) {
        return new Reward(rule, item, item, "allow", null);
    }

    static Reward reduce(String rule, String requested, String given, String... ruleIds) {
        return new Reward(rule, requested, given, "reduce", List.of(ruleIds));
    }

    static Reward thankYouOnly(String rule, String requested, String... ruleIds) {
        return new Reward(rule, requested, null, "thank-you-only", List.of(ruleIds));
    }

    static Reward block(String rule, String requested, String... ruleIds) {
        return new Reward(rule, requested, null, "block", List.of(ruleIds));
    }
}
