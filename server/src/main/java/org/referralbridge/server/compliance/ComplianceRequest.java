package org.referralbridge.server.compliance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one compliance decision depends on, and nothing else: the engine reads no clock, database or EHR.
 *
 * @param item the reward item the program would give
 * @param programItems the program's other items a reduction may pick from (any order; items of another program, the
 *     item itself and items worth more than it are never picked)
 * @param referrer the referrer's government programs at the decision date
 * @param referred the referred patient's government programs at the referral
 * @param practiceState the practice's state as a two-letter USPS code, which selects the state pack
 * @param practiceCaps the practice's own caps
 * @param history what the referrer already received this calendar year
 * @param override a program admin's override of the rule on referred beneficiaries
 */
public record ComplianceRequest(
        RewardItem item,
        List<RewardItem> programItems,
        BeneficiaryStatus referrer,
        BeneficiaryStatus referred,
        Optional<String> practiceState,
        PracticeCaps practiceCaps,
        LedgerHistory history,
        Optional<ProgramAdminOverride> override) {

    public ComplianceRequest {
        Objects.requireNonNull(item, "item");
        programItems = programItems == null ? List.of() : List.copyOf(programItems);
        referrer = Objects.requireNonNullElse(referrer, BeneficiaryStatus.none());
        referred = Objects.requireNonNullElse(referred, BeneficiaryStatus.none());
        practiceState = Objects.requireNonNullElse(practiceState, Optional.<String>empty())
                .map(String::strip)
                .filter(state -> !state.isEmpty())
                .map(state -> state.toUpperCase(Locale.ROOT));
        practiceState.ifPresent(ComplianceRequest::requireUspsCode);
        practiceCaps = Objects.requireNonNullElse(practiceCaps, PracticeCaps.none());
        history = Objects.requireNonNullElse(history, LedgerHistory.none());
        override = Objects.requireNonNullElse(override, Optional.empty());
    }

    /** A request with no other items, no state pack, no practice caps, no history and no override. */
    public static ComplianceRequest of(RewardItem item, BeneficiaryStatus referrer, BeneficiaryStatus referred) {
        return new ComplianceRequest(
                item, List.of(), referrer, referred, Optional.empty(), null, null, Optional.empty());
    }

    public ComplianceRequest withProgramItems(List<RewardItem> items) {
        return new ComplianceRequest(item, items, referrer, referred, practiceState, practiceCaps, history, override);
    }

    public ComplianceRequest withPracticeState(String state) {
        return new ComplianceRequest(
                item, programItems, referrer, referred, Optional.ofNullable(state), practiceCaps, history, override);
    }

    public ComplianceRequest withPracticeCaps(PracticeCaps caps) {
        return new ComplianceRequest(item, programItems, referrer, referred, practiceState, caps, history, override);
    }

    public ComplianceRequest withHistory(LedgerHistory ledger) {
        return new ComplianceRequest(
                item, programItems, referrer, referred, practiceState, practiceCaps, ledger, override);
    }

    public ComplianceRequest withOverride(ProgramAdminOverride adminOverride) {
        return new ComplianceRequest(
                item,
                programItems,
                referrer,
                referred,
                practiceState,
                practiceCaps,
                history,
                Optional.ofNullable(adminOverride));
    }

    boolean practiceIn(String state) {
        return practiceState.map(state::equals).orElse(false);
    }

    private static void requireUspsCode(String state) {
        if (!state.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("practice state is not a two-letter USPS code");
        }
    }
}
