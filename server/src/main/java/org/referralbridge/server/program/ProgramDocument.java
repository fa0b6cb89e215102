package org.referralbridge.server.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A referral program as a program manager writes it (JSON through the API, or YAML): the same document both ways.
 * Checked as a whole by {@link ProgramCheck}; nothing here is trusted before that.
 *
 * @param key stable identifier, lower-case letters, digits and hyphens (e.g. {@code friends-2027}); referral codes
 *     and referrals name it
 * @param name what staff and advocates read
 * @param start first day the program is active
 * @param end last day it is active; null: open-ended
 * @param isDefault the program a referral falls under when its code names none; at most one active default
 * @param rewards what a successful referral earns: one or more rules, each with its items
 * @param tiers rewards that grow with the referrer's successful referrals in a period
 * @param eligibility who may refer
 * @param success what makes a referral successful
 * @param holdDays days an earned reward is held before it may be issued (0: none)
 * @param manualApproval whether a program manager approves each reward before it is issued
 * @param limits the most rewards one referrer may earn in a period
 * @param serviceLines the service lines the program is restricted to; empty: all
 * @param talkingPoints what the front desk says when mentioning the program (plain text, lines kept); null: none
 */
public record ProgramDocument(
        String key,
        String name,
        String description,
        LocalDate start,
        LocalDate end,
        Boolean isDefault,
        List<RewardRule> rewards,
        List<Tier> tiers,
        Eligibility eligibility,
        Success success,
        Integer holdDays,
        Boolean manualApproval,
        Limits limits,
        List<String> serviceLines,
        String talkingPoints) {

    public ProgramDocument {
        rewards = rewards == null ? List.of() : List.copyOf(rewards);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        serviceLines = serviceLines == null ? List.of() : List.copyOf(serviceLines);
    }

    public boolean defaultProgram() {
        return Boolean.TRUE.equals(isDefault);
    }

    /** Whether the program is active on that day. */
    public boolean activeOn(LocalDate day) {
        return start != null && !day.isBefore(start) && (end == null || !day.isAfter(end));
    }

    /** @param id unique in the program, e.g. {@code first-visit} */
    public record RewardRule(String id, String description, List<RewardItem> items) {
        public RewardRule {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * @param id unique in the program; tiers name items by it
     * @param kind {@code cash}, {@code cash-equivalent}, {@code in-kind}, {@code service-credit}, {@code donation} or
     *     {@code recognition}
     * @param retailValue what the item is worth at retail, in USD; recognition is 0
     * @param charities for a donation: the charities the referrer may choose from
     */
    public record RewardItem(String id, String kind, Money retailValue, String description, List<String> charities) {
        public RewardItem {
            charities = charities == null ? List.of() : List.copyOf(charities);
        }
    }

    public record Money(BigDecimal value, String currency) {}

    /**
     * @param threshold the referrer's successful referrals in the period at which the item is earned (1, 3, 5...)
     * @param item the id of one of the program's reward items
     */
    public record Tier(Integer threshold, String period, String item) {}

    /**
     * @param requireFinishedEncounter the referrer must be an existing patient with at least one finished Encounter
     *     (default true)
     * @param excludedPatients Patient ids (or {@code Patient/id}) that may not refer: staff, say
     * @param excludedIdentifiers identifiers ({@code system|value}) that may not refer
     */
    public record Eligibility(
            Boolean requireFinishedEncounter, List<String> excludedPatients, List<String> excludedIdentifiers) {
        public Eligibility {
            excludedPatients = excludedPatients == null ? List.of() : List.copyOf(excludedPatients);
            excludedIdentifiers = excludedIdentifiers == null ? List.of() : List.copyOf(excludedIdentifiers);
        }
    }

    /**
     * The referred patient is new to the practice and their first qualifying Encounter is finished within
     * {@code withinDays} of the referral.
     *
     * @param classCodes Encounter class codes that qualify (e.g. {@code AMB}); empty: any
     * @param serviceLines service lines (as the mapping profile reads them) that qualify; empty: any
     */
    public record Success(Integer withinDays, List<String> classCodes, List<String> serviceLines) {
        public Success {
            classCodes = classCodes == null ? List.of() : List.copyOf(classCodes);
            serviceLines = serviceLines == null ? List.of() : List.copyOf(serviceLines);
        }
    }

    /** @param maxRewards the most rewards one referrer earns in the period */
    public record Limits(Integer maxRewards, String period) {}
}
