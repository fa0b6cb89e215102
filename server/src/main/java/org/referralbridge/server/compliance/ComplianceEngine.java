package org.referralbridge.server.compliance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether a reward item may be given for a referral: a pure function of its {@link ComplianceRequest}, the
 * same answer for the same request, with no clock, database or EHR behind it.
 *
 * <p>The item is checked against every rule that applies. When some rule objects, the strictest consequence wins: a
 * rule on referred beneficiaries allows nothing of value at all; the others let the highest-valued item of the same
 * program that passes every rule replace it (a reduce), and without one a state ban blocks the reward while a cap
 * leaves a thank-you only.
 *
 * <p>A bean only so that other modules can have it injected; it holds no state.
 */
@Component
public final class ComplianceEngine {

    private static final Comparator<RewardItem> MOST_VALUABLE_FIRST =
            Comparator.comparing(RewardItem::retailValue).reversed().thenComparing(RewardItem::itemId);

    public ComplianceDecision decide(ComplianceRequest request) {
        List<ComplianceRule> applicable = Arrays.stream(ComplianceRule.values())
                .filter(rule -> rule.appliesTo(request))
                .toList();
        List<String> reasons = new ArrayList<>();
        Optional<ProgramAdminOverride> usedOverride = usedOverride(request, reasons);
        RewardItem item = request.item();
        List<Violation> violations = violations(item, applicable, request);
        if (violations.isEmpty()) {
            reasons.add(0, item.describe() + " passes every applicable rule.");
            return new ComplianceDecision(
                    item, ComplianceOutcome.ALLOW, Optional.of(item), applicable, applicable, reasons, usedOverride);
        }
        List<ComplianceRule> deciding = violations.stream().map(Violation::rule).toList();
        violations.forEach(violation -> reasons.add(violation.reason()));
        boolean substitutable = deciding.stream().allMatch(rule -> rule.remedy().substitutable());
        if (substitutable) {
            Optional<RewardItem> substitute = substitute(applicable, request);
            if (substitute.isPresent()) {
                reasons.add("Reduced to " + substitute.get().describe() + ", the most valuable item of program "
                        + item.programId() + " that passes every applicable rule.");
                return new ComplianceDecision(
                        item, ComplianceOutcome.REDUCE, substitute, deciding, applicable, reasons, usedOverride);
            }
            reasons.add("No item of program " + item.programId() + " passes every applicable rule.");
        }
        ComplianceOutcome outcome = strictest(deciding);
        return new ComplianceDecision(item, outcome, Optional.empty(), deciding, applicable, reasons, usedOverride);
    }

    private static Optional<ProgramAdminOverride> usedOverride(ComplianceRequest request, List<String> reasons) {
        if (!request.referred().beneficiary() || !request.item().ofValue()) {
            return Optional.empty();
        }
        request.override()
                .ifPresent(override -> reasons.add(ComplianceRule.AKS_REFERRED_BENEFICIARY.id()
                        + " overridden by program admin " + override.adminId() + " with a recorded reason."));
        return request.override();
    }

    private static List<Violation> violations(
            RewardItem item, List<ComplianceRule> applicable, ComplianceRequest request) {
        if (!item.ofValue()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (ComplianceRule rule : applicable) {
            rule.violation(item, request).ifPresent(reason -> violations.add(new Violation(rule, reason)));
        }
        return violations;
    }

    /** The most valuable item of the same program, worth no more than the requested one, that passes every rule. */
    private static Optional<RewardItem> substitute(List<ComplianceRule> applicable, ComplianceRequest request) {
        RewardItem item = request.item();
        return request.programItems().stream()
                .filter(candidate -> candidate.programId().equals(item.programId()))
                .filter(candidate -> !candidate.itemId().equals(item.itemId()))
                .filter(candidate -> candidate.retailValue().compareTo(item.retailValue()) <= 0)
                .filter(candidate -> violations(candidate, applicable, request).isEmpty())
                .min(MOST_VALUABLE_FIRST);
    }

    private static ComplianceOutcome strictest(List<ComplianceRule> deciding) {
        ComplianceOutcome strictest = ComplianceOutcome.THANK_YOU_ONLY;
        for (ComplianceRule rule : deciding) {
            ComplianceOutcome outcome = rule.remedy().withoutSubstitute();
            if (outcome.stricterThan(strictest)) {
                strictest = outcome;
            }
        }
        return strictest;
    }

    private record Violation(ComplianceRule rule, String reason) {}
}
