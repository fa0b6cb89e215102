package org.referralbridge.server.compliance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What may be given for one referral, and why. Never silent: a decision other than {@link ComplianceOutcome#ALLOW}
 * names at least one rule and one reason; an allow names the rules it was checked against.
 *
 * @param requestedItem the item the program would have given
 * @param outcome what happens to the reward
 * @param allowedItem the item that may be given: the requested one for an allow, the substitute for a reduce; empty
 *     for thank-you only and block
 * @param rules for an allow, the rules checked; otherwise the rules that decided it
 * @param rulesChecked every rule that applied to the request, in the order of {@link ComplianceRule}
 * @param reasons sentences for staff, without PHI (item, program and admin ids and amounts only)
 * @param override the program admin's override, when one was needed and used
 */
public record ComplianceDecision(
        RewardItem requestedItem,
        ComplianceOutcome outcome,
        Optional<RewardItem> allowedItem,
        List<ComplianceRule> rules,
        List<ComplianceRule> rulesChecked,
        List<String> reasons,
        Optional<ProgramAdminOverride> override) {

    public ComplianceDecision {
        Objects.requireNonNull(requestedItem, "requestedItem");
        Objects.requireNonNull(outcome, "outcome");
        allowedItem = Objects.requireNonNullElse(allowedItem, Optional.empty());
        rules = List.copyOf(rules);
        rulesChecked = List.copyOf(rulesChecked);
        reasons = List.copyOf(reasons);
        override = Objects.requireNonNullElse(override, Optional.empty());
        boolean givesItem = outcome == ComplianceOutcome.ALLOW || outcome == ComplianceOutcome.REDUCE;
        if (givesItem != allowedItem.isPresent()) {
            throw new IllegalArgumentException(outcome + " must " + (givesItem ? "" : "not ") + "name an item");
        }
        if (outcome != ComplianceOutcome.ALLOW && (rules.isEmpty() || reasons.isEmpty())) {
            throw new IllegalArgumentException(outcome + " needs at least one rule and one reason");
        }
    }

    /** The stable ids of {@link #rules()}, e.g. {@code [OIG-NOMINAL-ITEM-15]}. */
    public List<String> ruleIds() {
        return rules.stream().map(ComplianceRule::id).toList();
    }
}
