package org.referralbridge.server.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.referralbridge.server.program.ProgramDocument;

/**
 * The program editor's form as the browser sends it: every value as typed (text, so that a mistyped number or date is
 * shown again as it was), with the field names of the program document ({@code rewards[0].items[1].retailValue}), so
 * that each problem the program check names lands next to its field. Lists of values are one per line or
 * comma-separated.
 */
public class ProgramEditorForm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private String key;
    private String name;
    private String description;
    private String start;
    private String end;
    private boolean defaultProgram;
    private List<Rule> rewards = new ArrayList<>();
    private List<Tier> tiers = new ArrayList<>();
    private Eligibility eligibility = new Eligibility();
    private Success success = new Success();
    private String holdDays;
    private boolean manualApproval;
    private Limits limits = new Limits();
    private String serviceLines;
    private String talkingPoints;
    /** The fingerprint of the compliance consequences the user was shown (Check), empty before. */
    private String checked;

    /** A new program: one rule with one item, success within 90 days, existing patients only. */
    static ProgramEditorForm blank() {
        ProgramEditorForm form = new ProgramEditorForm();
        Rule rule = new Rule();
        rule.setId("first-visit");
        rule.getItems().add(new Item());
        form.rewards.add(rule);
        form.success.setWithinDays("90");
        form.holdDays = "0";
        return form;
    }

    /** The form showing a stored program. */
    static ProgramEditorForm of(ProgramDocument program) {
        ProgramEditorForm form = new ProgramEditorForm();
        form.key = program.key();
        form.name = program.name();
        form.description = program.description();
        form.start = program.start() == null ? null : program.start().toString();
        form.end = program.end() == null ? null : program.end().toString();
        form.defaultProgram = program.defaultProgram();
        for (ProgramDocument.RewardRule rewardRule : program.rewards()) {
            Rule rule = new Rule();
            rule.setId(rewardRule.id());
            rule.setDescription(rewardRule.description());
            for (ProgramDocument.RewardItem rewardItem : rewardRule.items()) {
                Item item = new Item();
                item.setId(rewardItem.id());
                item.setKind(rewardItem.kind());
                item.setRetailValue(
                        rewardItem.retailValue() == null
                                        || rewardItem.retailValue().value() == null
                                ? null
                                : rewardItem.retailValue().value().toPlainString());
                item.setDescription(rewardItem.description());
                item.setCharities(lines(rewardItem.charities()));
                rule.getItems().add(item);
            }
            form.rewards.add(rule);
        }
        for (ProgramDocument.Tier programTier : program.tiers()) {
            Tier tier = new Tier();
            tier.setThreshold(
                    programTier.threshold() == null
                            ? null
                            : programTier.threshold().toString());
            tier.setPeriod(programTier.period());
            tier.setItem(programTier.item());
            form.tiers.add(tier);
        }
        if (program.eligibility() != null) {
            form.eligibility.setRequireFinishedEncounter(
                    !Boolean.FALSE.equals(program.eligibility().requireFinishedEncounter()));
            form.eligibility.setExcludedPatients(lines(program.eligibility().excludedPatients()));
            form.eligibility.setExcludedIdentifiers(lines(program.eligibility().excludedIdentifiers()));
        }
        if (program.success() != null) {
            form.success.setWithinDays(
                    program.success().withinDays() == null
                            ? null
                            : program.success().withinDays().toString());
            form.success.setClassCodes(String.join(", ", program.success().classCodes()));
            form.success.setServiceLines(String.join(", ", program.success().serviceLines()));
        }
        form.holdDays = program.holdDays() == null ? null : program.holdDays().toString();
        form.manualApproval = Boolean.TRUE.equals(program.manualApproval());
        if (program.limits() != null) {
            form.limits.setMaxRewards(
                    program.limits().maxRewards() == null
                            ? null
                            : program.limits().maxRewards().toString());
            form.limits.setPeriod(program.limits().period());
        }
        form.serviceLines = String.join(", ", program.serviceLines());
        form.talkingPoints = program.talkingPoints();
        return form;
    }

    /**
     * The program document the form describes, as the API takes it, and the problems of values that could not be
     * read at all (a date or number that is none); those fields are left out of the document.
     */
    Draft draft() {
        List<FieldProblem> problems = new ArrayList<>();
        ObjectNode document = NODES.objectNode();
        text(document, "key", key);
        text(document, "name", name);
        text(document, "description", description);
        date(document, "start", start, problems);
        date(document, "end", end, problems);
        document.put("isDefault", defaultProgram);
        ArrayNode rules = document.putArray("rewards");
        for (int r = 0; r < rewards.size(); r++) {
            Rule rule = rewards.get(r);
            ObjectNode ruleNode = rules.addObject();
            text(ruleNode, "id", rule.getId());
            text(ruleNode, "description", rule.getDescription());
            ArrayNode items = ruleNode.putArray("items");
            for (int i = 0; i < rule.getItems().size(); i++) {
                Item item = rule.getItems().get(i);
                String path = "rewards[" + r + "].items[" + i + "]";
                ObjectNode itemNode = items.addObject();
                text(itemNode, "id", item.getId());
                text(itemNode, "kind", item.getKind());
                money(itemNode, item, path + ".retailValue", problems);
                text(itemNode, "description", item.getDescription());
                List<String> charities = list(item.getCharities());
                if (!charities.isEmpty()) {
                    charities.forEach(itemNode.putArray("charities")::add);
                }
            }
        }
        ArrayNode tierNodes = document.putArray("tiers");
        for (int t = 0; t < tiers.size(); t++) {
            Tier tier = tiers.get(t);
            ObjectNode tierNode = tierNodes.addObject();
            whole(tierNode, "threshold", tier.getThreshold(), "tiers[" + t + "].threshold", problems);
            text(tierNode, "period", tier.getPeriod());
            text(tierNode, "item", tier.getItem());
        }
        ObjectNode eligible = document.putObject("eligibility");
        eligible.put("requireFinishedEncounter", eligibility.isRequireFinishedEncounter());
        list(eligibility.getExcludedPatients()).forEach(eligible.putArray("excludedPatients")::add);
        list(eligibility.getExcludedIdentifiers()).forEach(eligible.putArray("excludedIdentifiers")::add);
        ObjectNode successNode = document.putObject("success");
        whole(successNode, "withinDays", success.getWithinDays(), "success.withinDays", problems);
        list(success.getClassCodes()).forEach(successNode.putArray("classCodes")::add);
        list(success.getServiceLines()).forEach(successNode.putArray("serviceLines")::add);
        whole(document, "holdDays", holdDays, "holdDays", problems);
        document.put("manualApproval", manualApproval);
        if (!blank(limits.getMaxRewards()) || !blank(limits.getPeriod())) {
            ObjectNode limitsNode = document.putObject("limits");
            whole(limitsNode, "maxRewards", limits.getMaxRewards(), "limits.maxRewards", problems);
            text(limitsNode, "period", limits.getPeriod());
        }
        list(serviceLines).forEach(document.putArray("serviceLines")::add);
        if (!blank(talkingPoints)) {
            document.put("talkingPoints", talkingPoints.replace("\r\n", "\n").strip());
        }
        return new Draft(document, problems);
    }

    private static void text(ObjectNode node, String field, String value) {
        if (!blank(value)) {
            node.put(field, value.strip());
        }
    }

    private static void date(ObjectNode node, String field, String value, List<FieldProblem> problems) {
        if (blank(value)) {
            return;
        }
        try {
            node.put(field, LocalDate.parse(value.strip()).toString());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "a date as YYYY-MM-DD, e.g. 2027-01-31"));
        }
    }

    private static void whole(ObjectNode node, String field, String value, String path, List<FieldProblem> problems) {
        if (blank(value)) {
            return;
        }
        try {
            node.put(field, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(path, "a whole number, e.g. 3"));
        }
    }

    private static void money(ObjectNode node, Item item, String path, List<FieldProblem> problems) {
        String value = item.getRetailValue();
        if (blank(value) && "recognition".equals(item.getKind())) {
            value = "0";
        }
        if (blank(value)) {
            return;
        }
        try {
            BigDecimal amount = new BigDecimal(value.strip().replaceFirst("^\\$\\s*", ""));
            ObjectNode money = node.putObject("retailValue");
            money.put("value", amount);
            money.put("currency", "USD");
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(path, "an amount in US dollars, e.g. 25.00"));
        }
    }

    /** The values of a list field: one per line or separated by commas, blanks dropped. */
    static List<String> list(String text) {
        if (blank(text)) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\r\\n]+"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    private static String lines(List<String> values) {
        return String.join("\n", values);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The draft document, and the problems of values that are not even a date or number. */
    record Draft(ObjectNode document, List<FieldProblem> problems) {}

    /** One problem, with the field path the program check would name. */
    record FieldProblem(String field, String message) {}

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public boolean isDefaultProgram() {
        return defaultProgram;
    }

    public void setDefaultProgram(boolean defaultProgram) {
        this.defaultProgram = defaultProgram;
    }

    public List<Rule> getRewards() {
        return rewards;
    }

    public void setRewards(List<Rule> rewards) {
        this.rewards = rewards;
    }

    public List<Tier> getTiers() {
        return tiers;
    }

    public void setTiers(List<Tier> tiers) {
        this.tiers = tiers;
    }

    public Eligibility getEligibility() {
        return eligibility;
    }

    public void setEligibility(Eligibility eligibility) {
        this.eligibility = eligibility;
    }

    public Success getSuccess() {
        return success;
    }

    public void setSuccess(Success success) {
        this.success = success;
    }

    public String getHoldDays() {
        return holdDays;
    }

    public void setHoldDays(String holdDays) {
        this.holdDays = holdDays;
    }

    public boolean isManualApproval() {
        return manualApproval;
    }

    public void setManualApproval(boolean manualApproval) {
        this.manualApproval = manualApproval;
    }

    public Limits getLimits() {
        return limits;
    }

    public void setLimits(Limits limits) {
        this.limits = limits;
    }

    public String getServiceLines() {
        return serviceLines;
    }

    public void setServiceLines(String serviceLines) {
        this.serviceLines = serviceLines;
    }

    public String getTalkingPoints() {
        return talkingPoints;
    }

    public void setTalkingPoints(String talkingPoints) {
        this.talkingPoints = talkingPoints;
    }

    public String getChecked() {
        return checked;
    }

    public void setChecked(String checked) {
        this.checked = checked;
    }

    /** A reward rule: what one success earns. */
    public static class Rule {
        private String id;
        private String description;
        private List<Item> items = new ArrayList<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public List<Item> getItems() {
            return items;
        }

        public void setItems(List<Item> items) {
            this.items = items;
        }
    }

    /** A reward item; the retail value is in US dollars. */
    public static class Item {
        private String id;
        private String kind;
        private String retailValue;
        private String description;
        private String charities;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getRetailValue() {
            return retailValue;
        }

        public void setRetailValue(String retailValue) {
            this.retailValue = retailValue;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public String getCharities() {
            return charities;
        }

        public void setCharities(String charities) {
            this.charities = charities;
        }
    }

    /** A tier: an item earned at a number of successful referrals in a period. */
    public static class Tier {
        private String threshold;
        private String period;
        private String item;

        public String getThreshold() {
            return threshold;
        }

        public void setThreshold(String threshold) {
            this.threshold = threshold;
        }

        public String getPeriod() {
            return period;
        }

        public void setPeriod(String period) {
            this.period = period;
        }

        public String getItem() {
            return item;
        }

        public void setItem(String item) {
            this.item = item;
        }
    }

    /** Who may refer. */
    public static class Eligibility {
        private boolean requireFinishedEncounter = true;
        private String excludedPatients;
        private String excludedIdentifiers;

        public boolean isRequireFinishedEncounter() {
            return requireFinishedEncounter;
        }

        public void setRequireFinishedEncounter(boolean requireFinishedEncounter) {
            this.requireFinishedEncounter = requireFinishedEncounter;
        }

        public String getExcludedPatients() {
            return excludedPatients;
        }

        public void setExcludedPatients(String excludedPatients) {
            this.excludedPatients = excludedPatients;
        }

        public String getExcludedIdentifiers() {
            return excludedIdentifiers;
        }

        public void setExcludedIdentifiers(String excludedIdentifiers) {
            this.excludedIdentifiers = excludedIdentifiers;
        }
    }

    /** What makes a referral successful. */
    public static class Success {
        private String withinDays;
        private String classCodes;
        private String serviceLines;

        public String getWithinDays() {
            return withinDays;
        }

        public void setWithinDays(String withinDays) {
            this.withinDays = withinDays;
        }

        public String getClassCodes() {
            return classCodes;
        }

        public void setClassCodes(String classCodes) {
            this.classCodes = classCodes;
        }

        public String getServiceLines() {
            return serviceLines;
        }

        public void setServiceLines(String serviceLines) {
            this.serviceLines = serviceLines;
        }
    }

    /** The most rewards one referrer earns in a period. */
    public static class Limits {
        private String maxRewards;
        private String period;

        public String getMaxRewards() {
            return maxRewards;
        }

        public void setMaxRewards(String maxRewards) {
            this.maxRewards = maxRewards;
        }

        public String getPeriod() {
            return period;
        }

        public void setPeriod(String period) {
            this.period = period;
        }
    }
}
