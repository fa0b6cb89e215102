package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.util.Optional;
import org.referralbridge.mapping.FederalProgram;

/**
 * The rules a reward item is checked against, each with a stable id (stored with every decision and written back to
 * the EHR) and the legal source it follows. A rule never objects to a recognition item: nothing of value changes
 * hands.
 */
public enum ComplianceRule {

    /**
     * No reward of value for referring a federal health care program beneficiary, unless a program admin overrides
     * with a recorded reason. Source: the federal anti-kickback statute, 42 U.S.C. 1320a-7b(b), which makes it a
     * felony to offer remuneration to induce the referral of an individual for items or services paid for by a Federal
     * health care program (defined in 1320a-7b(f)).
     */
    AKS_REFERRED_BENEFICIARY(
            "AKS-REFERRED-BENEFICIARY",
            "42 U.S.C. 1320a-7b(b) (federal anti-kickback statute)",
            Remedy.THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return true;
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            if (!request.referred().beneficiary() || request.override().isPresent()) {
                return Optional.empty();
            }
            return Optional.of("The referred patient is a government health care program beneficiary ("
                    + request.referred().names() + "): no reward of value for this referral without a program"
                    + " admin override with a recorded reason.");
        }
    },

    /**
     * A beneficiary referrer gets no cash and no cash equivalent (gift cards usable anywhere, prepaid cards, money
     * transfers), whatever the amount. Source: OIG guidance on gift cards and cash equivalents (OIG FAQ, 2023) and the
     * OIG Policy Statement Regarding Gifts of Nominal Value to Medicare and Medicaid Beneficiaries (December 2016),
     * under the beneficiary inducement CMP, 42 U.S.C. 1320a-7a(a)(5).
     */
    OIG_CASH_EQUIVALENT(
            "OIG-CASH-EQUIVALENT",
            "OIG FAQ on gift cards and cash equivalents (2023); 42 U.S.C. 1320a-7a(a)(5)",
            Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.referrer().beneficiary();
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            if (!item.kind().cashOrEquivalent()) {
                return Optional.empty();
            }
            return Optional.of("The referrer is a government health care program beneficiary: " + item.describe()
                    + " is cash or a cash equivalent, which is never of nominal value.");
        }
    },

    /**
     * At most $15 retail per item to a beneficiary referrer. Source: OIG Policy Statement Regarding Gifts of Nominal
     * Value to Medicare and Medicaid Beneficiaries (December 2016), under 42 U.S.C. 1320a-7a(a)(5).
     */
    OIG_NOMINAL_ITEM_15(
            "OIG-NOMINAL-ITEM-15",
            "OIG policy statement on gifts of nominal value (December 2016)",
            Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.referrer().beneficiary();
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Caps.perItem(item, Usd.of("15"), "the OIG nominal value per item for a beneficiary referrer");
        }
    },

    /**
     * At most $75 retail per calendar year to a beneficiary referrer, across all programs. Source: OIG Policy
     * Statement Regarding Gifts of Nominal Value to Medicare and Medicaid Beneficiaries (December 2016).
     */
    OIG_NOMINAL_YEAR_75(
            "OIG-NOMINAL-YEAR-75",
            "OIG policy statement on gifts of nominal value (December 2016)",
            Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.referrer().beneficiary();
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Caps.perYear(
                    item,
                    request.history().yearToDate(this),
                    Usd.of("75"),
                    "the OIG nominal value per year for a beneficiary referrer");
        }
    },

    /**
     * Florida: no reward of value for a referral, whoever pays for the care. Source: Florida Patient Brokering Act,
     * Fla. Stat. 817.505, which bans any commission, bonus, rebate, kickback or bribe to induce the referral of
     * patients, for all payers.
     */
    FL_817_505("FL-817-505", "Fla. Stat. 817.505 (Patient Brokering Act)", Remedy.SUBSTITUTE_ELSE_BLOCK) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.practiceIn("FL");
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Optional.of("Florida bans referral rewards of value for all payers: " + item.describe()
                    + " is of value; only recognition is allowed.");
        }
    },

    /**
     * California: no reward of value for a referral, whoever pays for the care. Source: Cal. Bus. & Prof. Code 650,
     * which bans any compensation or inducement for referring patients.
     */
    CA_BP_650("CA-BP-650", "Cal. Bus. & Prof. Code 650", Remedy.SUBSTITUTE_ELSE_BLOCK) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.practiceIn("CA");
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Optional.of("California bans referral rewards of value for all payers: " + item.describe()
                    + " is of value; only recognition is allowed.");
        }
    },

    /**
     * Texas: at most $10 retail per item and $25 per calendar year to a referrer who is a Medicaid beneficiary.
     * Source: the Texas HHSC limits on gifts of nominal value to Medicaid clients (provider marketing, 1 TAC 354.1452
     * and the HHSC marketing guidelines; solicitation, Tex. Occ. Code ch. 102 applied by 1 TAC 371.27).
     */
    TX_MEDICAID_10_25(
            "TX-MEDICAID-10-25",
            "Texas HHSC Medicaid nominal value limits (1 TAC 354.1452, 371.27; Tex. Occ. Code ch. 102)",
            Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.practiceIn("TX") && request.referrer().has(FederalProgram.MEDICAID);
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            String limit = "the Texas limit for a Medicaid beneficiary referrer";
            return Caps.perItem(item, Usd.of("10"), limit + " per item")
                    .or(() ->
                            Caps.perYear(item, request.history().yearToDate(this), Usd.of("25"), limit + " per year"));
        }
    },

    /** The practice's own cap per item, for every referrer. Source: the practice's program terms. */
    PRACTICE_CAP_ITEM("PRACTICE-CAP-ITEM", "the practice's program terms", Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.practiceCaps().perItem().isPresent();
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Caps.perItem(item, request.practiceCaps().perItem().orElseThrow(), "the practice's cap per item");
        }
    },

    /** The practice's own cap per referrer and calendar year, across all programs. Source: the practice's terms. */
    PRACTICE_CAP_YEAR("PRACTICE-CAP-YEAR", "the practice's program terms", Remedy.SUBSTITUTE_ELSE_THANK_YOU_ONLY) {
        @Override
        boolean appliesTo(ComplianceRequest request) {
            return request.practiceCaps().perYear().isPresent();
        }

        @Override
        Optional<String> violation(RewardItem item, ComplianceRequest request) {
            return Caps.perYear(
                    item,
                    request.history().yearToDate(this),
                    request.practiceCaps().perYear().orElseThrow(),
                    "the practice's cap per year");
        }
    };

    private final String id;
    private final String source;
    private final Remedy remedy;

    ComplianceRule(String id, String source, Remedy remedy) {
        this.id = id;
        this.source = source;
        this.remedy = remedy;
    }

    /** The stable id, e.g. {@code OIG-NOMINAL-ITEM-15}. */
    public String id() {
        return id;
    }

    /** The legal source the rule follows, short enough for a report column. */
    public String source() {
        return source;
    }

    /** The rule with this stable id (as a reward or ledger entry stores it), if there is one. */
    public static Optional<ComplianceRule> ofId(String id) {
        for (ComplianceRule rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    Remedy remedy() {
        return remedy;
    }

    /** Whether the rule has anything to say about this request (coverage, state, caps); not yet about the item. */
    abstract boolean appliesTo(ComplianceRequest request);

    /** Why the item breaks the rule, if it does; only asked for items of value. */
    abstract Optional<String> violation(RewardItem item, ComplianceRequest request);

    /** What a broken rule leads to. */
    enum Remedy {
        /** Nothing of value at all; a smaller item would still be an inducement. */
        THANK_YOU_ONLY(false, ComplianceOutcome.THANK_YOU_ONLY),
        /** A smaller item that passes may replace it; else thank-you only. */
        SUBSTITUTE_ELSE_THANK_YOU_ONLY(true, ComplianceOutcome.THANK_YOU_ONLY),
        /** A recognition item may replace it; else the reward is blocked. */
        SUBSTITUTE_ELSE_BLOCK(true, ComplianceOutcome.BLOCK);

        private final boolean substitutable;
        private final ComplianceOutcome withoutSubstitute;

        Remedy(boolean substitutable, ComplianceOutcome withoutSubstitute) {
            this.substitutable = substitutable;
            this.withoutSubstitute = withoutSubstitute;
        }

        boolean substitutable() {
            return substitutable;
        }

        ComplianceOutcome withoutSubstitute() {
            return withoutSubstitute;
        }
    }

    /** The two shapes of cap the rules share. */
    private static final class Caps {

        private Caps() {}

        static Optional<String> perItem(RewardItem item, BigDecimal cap, String what) {
            if (item.retailValue().compareTo(cap) <= 0) {
                return Optional.empty();
            }
            return Optional.of(item.describe() + " is over " + what + " of " + Usd.format(cap) + ".");
        }

        static Optional<String> perYear(RewardItem item, BigDecimal yearToDate, BigDecimal cap, String what) {
            BigDecimal total = yearToDate.add(item.retailValue());
            if (total.compareTo(cap) <= 0) {
                return Optional.empty();
            }
            return Optional.of(item.describe() + " would bring this calendar year to " + Usd.format(total)
                    + " (already " + Usd.format(yearToDate) + "), over " + what + " of " + Usd.format(cap) + ".");
        }
    }
}
