package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One row of the reward scenario table: who refers whom under which program, with which Coverages, history and
 * timing, and what the pipeline must make of it in each practice state.
 *
 * @param name what the case is called in the test report
 * @param program the key of the program the referral names (in its referral-source extension)
 * @param referrer the referrer's Coverage
 * @param referred the referred patient's Coverage
 * @param referrerSetup who the referrer is
 * @param referredSetup who the referred patient is
 * @param timing when the referral was captured and the visit happened
 * @param history what the referrer already received this calendar year (seeded in the ledger), or null
 * @param referrals how many patients the referrer refers in turn; the last one is the one checked
 * @param expected what the last referral comes to, per practice state
 */
record RewardScenario(
        String name,
        String program,
        Coverages referrer,
        Coverages referred,
        ReferrerSetup referrerSetup,
        ReferredSetup referredSetup,
        Timing timing,
        History history,
        int referrals,
        Map<PracticeState, Expected> expected) {

    /** The practice states the tables are run in, one test class each. */
    enum PracticeState {
        NONE(""),
        FL("FL"),
        CA("CA"),
        TX("TX");

        private final String property;

        PracticeState(String property) {
            this.property = property;
        }

        /** The value of {@code referralbridge.practice.state}. */
        String property() {
            return property;
        }
    }

    enum ReferrerSetup {
        /** An existing patient with a finished visit, enrolled as an advocate. */
        PATIENT,
        /** As {@link #PATIENT}, with the staff identifier the default program excludes. */
        STAFF,
        /** Enrolled, but without a finished Encounter. */
        WITHOUT_VISIT
    }

    enum ReferredSetup {
        /** A new patient who gives the referral code at the front desk. */
        NEW,
        /** A patient with a finished visit 10 days before the referral was captured. */
        EARLIER_VISIT,
        /**
         * A patient whose visit ended an hour before they gave the code (no captured date): without the evidence's own
         * time, that visit may be the referred visit itself, and it qualifies the referral.
         */
        VISIT_BEFORE_CODE,
        /** A patient already enrolled as an advocate themselves before the referral. */
        ADVOCATE
    }

    enum Timing {
        /** Referral recorded now (no captured date); the visit finishes within the hour. */
        WITHIN_WINDOW(null, 0),
        /** Referral recorded now; the visit finishes 40 days later, after the 30-day window. */
        AFTER_WINDOW(null, 40),
        /** Referral captured 10 days ago; the visit finishes now, within the window. */
        CAPTURED_10_DAYS_AGO(10, 0),
        /** Referral captured 40 days ago; the visit finishes now, after the window. */
        CAPTURED_40_DAYS_AGO(40, 0);

        private final Integer capturedDaysAgo;
        private final int visitInDays;

        Timing(Integer capturedDaysAgo, int visitInDays) {
            this.capturedDaysAgo = capturedDaysAgo;
            this.visitInDays = visitInDays;
        }

        /** Days before now the referral-source's capturedDate lies; null: no captured date. */
        Integer capturedDaysAgo() {
            return capturedDaysAgo;
        }

        /** Days after now the qualifying visit ends (0: within the hour). */
        int visitInDays() {
            return visitInDays;
        }
    }

    /**
     * Rewards the referrer already received this calendar year, before this referral.
     *
     * @param value retail value in USD
     * @param texasMedicaid whether it was decided with the Texas Medicaid rule in force (what the Texas cap counts)
     */
    record History(BigDecimal value, boolean texasMedicaid) {}

    /** What the checked referral comes to. */
    sealed interface Expected permits Rewards, Rejected, NotQualified {}

    /** Settled under its program with exactly these rewards (by reward rule id). */
    record Rewards(List<Reward> rewards) implements Expected {}

    /** Settled as rejected. */
    record Rejected(String rejectionReason) implements Expected {}

    /** Linked, not qualified, with this qualification note; no rewards. */
    record NotQualified(String qualificationNote) implements Expected {}

    /**
     * One reward of the referral.
     *
     * @param ruleId the program rule (or {@code tier-<n>}) that earned it
     * @param requestedItemId the item the rule offers
     * @param itemId the item given (the requested one, or a reduce's substitute); null when nothing is given
     * @param outcome the compliance outcome
     * @param ruleIds the decision's rule ids; null: an allow, which names every rule checked
     */
    record Reward(String ruleId, String requestedItemId, String itemId, String outcome, List<String> ruleIds) {

        boolean givesItem() {
            return itemId != null;
        }
    }

    @Override
    public String toString() {
        return name;
    }

    static Builder scenario(String name, String program) {
        return new Builder(name, program);
    }

    /** Builds a row; the referrer and referred are plain new patients, the visit within the window, by default. */
    static final class Builder {
        private final String name;
        private final String program;
        private Coverages referrer = Coverages.NONE;
        private Coverages referred = Coverages.NONE;
        private ReferrerSetup referrerSetup = ReferrerSetup.PATIENT;
        private ReferredSetup referredSetup = ReferredSetup.NEW;
        private Timing timing = Timing.WITHIN_WINDOW;
        private History history;
        private int referrals = 1;
        private final Map<PracticeState, Expected> expected = new EnumMap<>(PracticeState.class);
        private Expected general;

        private Builder(String name, String program) {
            this.name = name;
            this.program = program;
        }

        Builder referrer(Coverages coverage) {
            this.referrer = coverage;
            return this;
        }

        Builder referred(Coverages coverage) {
            this.referred = coverage;
            return this;
        }

        Builder referrer(ReferrerSetup setup) {
            this.referrerSetup = setup;
            return this;
        }

        Builder referred(ReferredSetup setup) {
            this.referredSetup = setup;
            return this;
        }

        Builder timing(Timing when) {
            this.timing = when;
            return this;
        }

        Builder history(String value, boolean texasMedicaid) {
            this.history = new History(new BigDecimal(value), texasMedicaid);
            return this;
        }

        Builder referrals(int count) {
            this.referrals = count;
            return this;
        }

        /** The outcome in every state not given otherwise. */
        Builder earns(Reward... rewards) {
            return everywhere(new Rewards(List.of(rewards)));
        }

        /** The outcome in every state not given otherwise (by {@link #in} or {@link #inBanStates}). */
        Builder everywhere(Expected outcome) {
            this.general = outcome;
            return this;
        }

        /** The outcome in Florida and California, given the state's ban rule id. */
        Builder inBanStates(Function<String, List<Reward>> rewards) {
            expected.put(PracticeState.FL, new Rewards(rewards.apply(RewardScenarios.FL)));
            expected.put(PracticeState.CA, new Rewards(rewards.apply(RewardScenarios.CA)));
            return this;
        }

        Builder in(PracticeState state, Reward... rewards) {
            expected.put(state, new Rewards(Arrays.asList(rewards)));
            return this;
        }

        RewardScenario build() {
            Map<PracticeState, Expected> all = new EnumMap<>(expected);
            for (PracticeState state : PracticeState.values()) {
                if (general != null) {
                    all.putIfAbsent(state, general);
                }
                Objects.requireNonNull(all.get(state), () -> name + ": no outcome for " + state);
            }
            return new RewardScenario(
                    name, program, referrer, referred, referrerSetup, referredSetup, timing, history, referrals, all);
        }
    }

    /** The table's rows, built. */
    static List<RewardScenario> built(Builder... builders) {
        List<RewardScenario> rows = new ArrayList<>();
        for (Builder builder : builders) {
            rows.add(builder.build());
        }
        return rows;
    }
}
