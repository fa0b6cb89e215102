package org.referralbridge.server.staff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.referralbridge.mapping.FederalProgram;
import org.referralbridge.server.compliance.BeneficiaryStatus;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceEngine;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRequest;
import org.referralbridge.server.compliance.LedgerHistory;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;
import org.referralbridge.server.program.PracticeProperties;
import org.referralbridge.server.program.ProgramDocument;
import org.springframework.stereotype.Component;

/**
 * What the compliance engine makes of each reward item of a draft program, for representative referrers, before the
 * program is saved: the same decision the reward module takes when a referral succeeds (the practice's state and
 * caps included), for a referrer who has received nothing else this calendar year.
 */
@Component
class ProgramEditorConsequences {

    /** The referrers (and one referred patient) the editor shows the consequences for. */
    enum Scenario {
        COMMERCIAL("commercially insured referrers", BeneficiaryStatus.none(), BeneficiaryStatus.none()),
        MEDICARE("Medicare referrers", BeneficiaryStatus.of(FederalProgram.MEDICARE), BeneficiaryStatus.none()),
        MEDICAID("Medicaid referrers", BeneficiaryStatus.of(FederalProgram.MEDICAID), BeneficiaryStatus.none()),
        REFERRED_MEDICARE(
                "any referrer whose referred friend is on Medicare",
                BeneficiaryStatus.none(),
                BeneficiaryStatus.of(FederalProgram.MEDICARE));

        private final String who;
        private final BeneficiaryStatus referrer;
        private final BeneficiaryStatus referred;

        Scenario(String who, BeneficiaryStatus referrer, BeneficiaryStatus referred) {
            this.who = who;
            this.referrer = referrer;
            this.referred = referred;
        }
    }

    private final ComplianceEngine engine;
    private final PracticeProperties practice;

    ProgramEditorConsequences(ComplianceEngine engine, PracticeProperties practice) {
        this.engine = engine;
        this.practice = practice;
    }

    /** One panel's worth: per reward item, one sentence per scenario. */
    Consequences of(ProgramDocument program) {
        List<RewardItem> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ProgramDocument.RewardRule rule : program.rewards()) {
            for (ProgramDocument.RewardItem item : rule.items()) {
                items.add(new RewardItem(
                        program.key(),
                        item.id(),
                        RewardKind.valueOf(item.kind().toUpperCase(Locale.ROOT).replace('-', '_')),
                        item.retailValue().value()));
                labels.add(item.description() == null || item.description().isBlank() ? null : item.description());
            }
        }
        List<ItemConsequences> perItem = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RewardItem item = items.get(i);
            List<Line> lines = new ArrayList<>();
            for (Scenario scenario : Scenario.values()) {
                ComplianceDecision decision = engine.decide(new ComplianceRequest(
                        item,
                        items,
                        scenario.referrer,
                        scenario.referred,
                        practice.stateCode(),
                        practice.caps(),
                        LedgerHistory.none(),
                        Optional.empty()));
                lines.add(new Line(
                        scenario.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        decision.outcome(),
                        sentence(scenario, item, labels.get(i), decision),
                        decision.reasons()));
            }
            perItem.add(new ItemConsequences(item.itemId(), labels.get(i), lines));
        }
        return new Consequences(perItem, setting(), fingerprint(perItem));
    }

    private static String sentence(Scenario scenario, RewardItem item, String label, ComplianceDecision decision) {
        String what = "For " + scenario.who + ", item " + item.itemId() + " (" + usd(item.retailValue()) + " "
                + kind(item.kind()) + (label == null ? "" : ": " + label) + ")";
        String why = decision.rules().stream()
                .map(rule -> "rule: " + rule.id() + ", source: " + rule.source())
                .collect(Collectors.joining("; ", " (", ")."));
        switch (decision.outcome()) {
            case ALLOW:
                return what + " is given as defined: no rule objects.";
            case REDUCE:
                RewardItem instead = decision.allowedItem().orElseThrow();
                return what + " is reduced to item " + instead.itemId() + " (" + usd(instead.retailValue()) + " "
                        + kind(instead.kind()) + ")" + why;
            case THANK_YOU_ONLY:
                return what + " becomes thank-you only" + why;
            case BLOCK:
            default:
                return what + " is blocked: nothing of value may be given" + why;
        }
    }

    /** The practice settings the decisions were taken under, in words. */
    private String setting() {
        String state = practice.stateCode()
                .map(code -> "the practice's state is " + code + " (its state rules apply)")
                .orElse("no practice state is set (federal rules only)");
        List<String> caps = new ArrayList<>();
        practice.caps().perItem().ifPresent(cap -> caps.add(usd(cap) + " per item"));
        practice.caps().perYear().ifPresent(cap -> caps.add(usd(cap) + " per referrer and year"));
        return "Decided as the reward module decides when a referral succeeds: " + state + "; "
                + (caps.isEmpty()
                        ? "the practice sets no caps of its own"
                        : "the practice caps " + String.join(" and ", caps))
                + "; the referrer has received nothing else this calendar year.";
    }

    private static String kind(RewardKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String fingerprint(List<ItemConsequences> items) {
        StringBuilder all = new StringBuilder();
        items.forEach(
                item -> item.lines().forEach(line -> all.append(line.sentence()).append('\n')));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param items per reward item, in document order
     * @param setting the practice settings the decisions assumed
     * @param fingerprint changes whenever any sentence does: Save goes ahead only when it is the one the user saw
     */
    record Consequences(List<ItemConsequences> items, String setting, String fingerprint) {}

    /** @param description the item's description, or null */
    record ItemConsequences(String item, String description, List<Line> lines) {}

    /**
     * @param scenario e.g. {@code medicare}, for the page's markup
     * @param reasons the engine's own reasons, for the details
     */
    record Line(String scenario, ComplianceOutcome outcome, String sentence, List<String> reasons) {
        public boolean restricted() {
            return outcome != ComplianceOutcome.ALLOW;
        }
    }
}
