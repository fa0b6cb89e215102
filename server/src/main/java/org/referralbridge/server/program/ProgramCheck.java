package org.referralbridge.server.program;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.referralbridge.server.program.ProgramDocument.Money;
import org.referralbridge.server.program.ProgramDocument.RewardItem;
import org.referralbridge.server.program.ProgramDocument.RewardRule;
import org.referralbridge.server.program.ProgramDocument.Tier;

/**
 * Checks a program document as a whole and names every problem with its field: a program manager fixes them all in
 * one go. The rules are the program terms the practice guide asks for (who may refer, what a success is, when and
 * how much is rewarded); the compliance rules on top of them are decided per reward.
 */
final class ProgramCheck {

    static final Set<String> KINDS =
            Set.of("cash", "cash-equivalent", "in-kind", "service-credit", "donation", "recognition");
    static final Set<String> PERIODS =
            Set.of("calendar-month", "calendar-quarter", "calendar-year", "rolling-365-days", "program");

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PATIENT = Pattern.compile("(Patient/)?[A-Za-z0-9\\-.]{1,64}");
    private static final BigDecimal MAX_VALUE = new BigDecimal("10000");
    private static final int MAX_WINDOW_DAYS = 3650;
    static final int MAX_TALKING_POINTS = 2000;
    /** A tag, comment or declaration: talking points are plain text, shown as they are. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[A-Za-z/!?]|&[A-Za-z#][A-Za-z0-9]*;");

    private final List<String[]> found = new ArrayList<>();

    private ProgramCheck() {}

    /** Every problem, as (field, message) pairs, in document order. */
    static List<String[]> problems(ProgramDocument program) {
        ProgramCheck check = new ProgramCheck();
        check.program(program);
        return check.found;
    }

    private void program(ProgramDocument p) {
        if (p.key() == null || !KEY.matcher(p.key()).matches()) {
            add("key", "required: 1 to 64 lower-case letters, digits and hyphens, e.g. friends-2027");
        }
        if (p.name() == null || p.name().isBlank()) {
            add("name", "required: the program's name as staff and advocates read it");
        } else if (p.name().length() > 200) {
            add("name", "at most 200 characters");
        }
        if (p.start() == null) {
            add("start", "required: the first day the program is active (YYYY-MM-DD)");
        } else if (p.end() != null && p.end().isBefore(p.start())) {
            add("end", "is before start (" + p.start() + "); the last active day must be on or after the first");
        }
        if (p.rewards().isEmpty()) {
            add("rewards", "at least one reward rule is required");
        }
        Set<String> ruleIds = new HashSet<>();
        Set<String> itemIds = new HashSet<>();
        for (int r = 0; r < p.rewards().size(); r++) {
            rule(p.rewards().get(r), "rewards[" + r + "]", ruleIds, itemIds);
        }
        tiers(p.tiers(), itemIds);
        eligibility(p.eligibility());
        success(p.success());
        if (p.holdDays() != null && (p.holdDays() < 0 || p.holdDays() > 365)) {
            add("holdDays", "from 0 to 365 days");
        }
        if (p.limits() != null) {
            if (p.limits().maxRewards() == null || p.limits().maxRewards() < 1) {
                add("limits.maxRewards", "required with limits: at least 1");
            }
            period(p.limits().period(), "limits.period");
        }
        for (int i = 0; i < p.serviceLines().size(); i++) {
            if (p.serviceLines().get(i) == null || p.serviceLines().get(i).isBlank()) {
                add("serviceLines[" + i + "]", "a service line cannot be blank");
            }
        }
        talkingPoints(p.talkingPoints());
    }

    private void talkingPoints(String text) {
        if (text == null) {
            return;
        }
        if (text.length() > MAX_TALKING_POINTS) {
            add("talkingPoints", "at most " + MAX_TALKING_POINTS + " characters (" + text.length() + " now)");
        }
        if (MARKUP.matcher(text).find()) {
            add("talkingPoints", "plain text only: no HTML tags or entities (the front desk sees the text as written)");
        }
    }

    private void rule(RewardRule rule, String path, Set<String> ruleIds, Set<String> itemIds) {
        if (rule.id() == null || !ITEM_ID.matcher(rule.id()).matches()) {
            add(path + ".id", "required: 1 to 64 letters, digits, '.', '_' or '-'");
        } else if (!ruleIds.add(rule.id())) {
            add(path + ".id", "'" + rule.id() + "' is the id of an earlier rule; each rule needs its own");
        }
        if (rule.items().isEmpty()) {
            add(path + ".items", "a reward rule needs at least one item");
        }
        for (int i = 0; i < rule.items().size(); i++) {
            item(rule.items().get(i), path + ".items[" + i + "]", itemIds);
        }
    }

    private void item(RewardItem item, String path, Set<String> itemIds) {
        if (item.id() == null || !ITEM_ID.matcher(item.id()).matches()) {
            add(path + ".id", "required: 1 to 64 letters, digits, '.', '_' or '-'");
        } else if (!itemIds.add(item.id())) {
            add(path + ".id", "'" + item.id() + "' is the id of an earlier item; item ids are unique in a program");
        }
        if (item.kind() == null || !KINDS.contains(item.kind())) {
            add(path + ".kind", "must be one of " + sorted(KINDS));
        }
        money(item.retailValue(), path + ".retailValue", "recognition".equals(item.kind()));
        if ("donation".equals(item.kind()) && item.charities().isEmpty()) {
            add(path + ".charities", "a donation names the charities the referrer may choose from");
        }
        if (!"donation".equals(item.kind())
                && item.kind() != null
                && !item.charities().isEmpty()) {
            add(path + ".charities", "only a donation item names charities");
        }
    }

    private void money(Money money, String path, boolean recognition) {
        if (money == null || money.value() == null) {
            add(path, "required: the retail value, e.g. {value: 25.00, currency: USD} (recognition: 0)");
            return;
        }
        if (!"USD".equals(money.currency())) {
            add(path + ".currency", "must be USD (the compliance caps are in US dollars)");
        }
        if (money.value().signum() < 0) {
            add(path + ".value", "cannot be negative");
        } else if (money.value().compareTo(MAX_VALUE) > 0) {
            add(path + ".value", "more than " + MAX_VALUE.toPlainString() + " USD is no referral reward");
        } else if (money.value().stripTrailingZeros().scale() > 2) {
            add(path + ".value", "at most two decimals (cents)");
        }
        if (recognition && money.value().signum() != 0) {
            add(path + ".value", "recognition has no retail value: 0");
        }
    }

    private void tiers(List<Tier> tiers, Set<String> itemIds) {
        int previous = 0;
        for (int t = 0; t < tiers.size(); t++) {
            Tier tier = tiers.get(t);
            String path = "tiers[" + t + "]";
            if (tier.threshold() == null || tier.threshold() < 1) {
                add(path + ".threshold", "required: the number of successful referrals, at least 1");
            } else if (tier.threshold() <= previous) {
                add(path + ".threshold", "must be greater than the previous tier's (" + previous + ")");
            } else {
                previous = tier.threshold();
            }
            period(tier.period(), path + ".period");
            if (tier.item() == null || !itemIds.contains(tier.item())) {
                add(path + ".item", "must name one of the program's reward items " + sorted(itemIds));
            }
        }
    }

    private void eligibility(ProgramDocument.Eligibility eligibility) {
        if (eligibility == null) {
            return;
        }
        for (int i = 0; i < eligibility.excludedPatients().size(); i++) {
            String patient = eligibility.excludedPatients().get(i);
            if (patient == null || !PATIENT.matcher(patient).matches()) {
                add("eligibility.excludedPatients[" + i + "]", "a Patient id, or Patient/id");
            }
        }
        for (int i = 0; i < eligibility.excludedIdentifiers().size(); i++) {
            String identifier = eligibility.excludedIdentifiers().get(i);
            int bar = identifier == null ? -1 : identifier.indexOf('|');
            if (bar <= 0 || bar == identifier.length() - 1) {
                add("eligibility.excludedIdentifiers[" + i + "]", "an identifier as system|value");
            }
        }
    }

    private void success(ProgramDocument.Success success) {
        if (success == null || success.withinDays() == null) {
            add(
                    "success.withinDays",
                    "required: the days after the referral within which the first qualifying"
                            + " Encounter must be finished");
            return;
        }
        if (success.withinDays() < 1 || success.withinDays() > MAX_WINDOW_DAYS) {
            add("success.withinDays", "from 1 to " + MAX_WINDOW_DAYS + " days");
        }
    }

    private void period(String period, String path) {
        if (period == null || !PERIODS.contains(period)) {
            add(path, "must be one of " + sorted(PERIODS));
        }
    }

    private void add(String field, String message) {
        found.add(new String[] {field, message});
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
