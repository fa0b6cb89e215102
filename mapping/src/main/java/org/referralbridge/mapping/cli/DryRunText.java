package org.referralbridge.mapping.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints a dry run for a person: one block per resource, the trace indented under it. */
final class DryRunText {

    private DryRunText() {}

    @SuppressWarnings("unchecked")
    static void write(DryRunCommand.DryRunReport report, PrintStream out) {
        Map<String, Object> tree = DryRunTree.of(report);
        out.printf("Profile %s (%s)%n", tree.get("profile"), tree.get("profileSource"));
        for (Object result : (List<Object>) tree.get("results")) {
            Map<String, Object> entry = (Map<String, Object>) result;
            out.println();
            out.printf("%s/%s  from %s%n", entry.get("resourceType"), entry.get("resourceId"), entry.get("input"));
            for (String part : List.of("evidence", "encounter", "coverage")) {
                if (entry.containsKey(part)) {
                    out.printf("  %s:%n", part);
                    fields((Map<String, Object>) entry.get(part), "    ", out);
                }
            }
            List<Object> lookups = (List<Object>) entry.get("lookups");
            if (!lookups.isEmpty()) {
                out.println("  lookups, in order:");
                for (Object lookup : lookups) {
                    out.println("    - " + inline((Map<String, Object>) lookup));
                }
            }
            List<Object> trace = (List<Object>) entry.get("trace");
            if (!trace.isEmpty()) {
                out.println("  trace:");
                for (Object step : trace) {
                    Map<String, Object> s = (Map<String, Object>) step;
                    List<Object> values = (List<Object>) s.get("values");
                    out.printf("    %s = %s   (%s)%n", s.get("field"), s.get("expression"), s.get("location"));
                    out.printf("      -> %s%n", values.isEmpty() ? "nothing" : String.join(" ; ", (List) values));
                }
            }
            for (Object note : (List<Object>) entry.get("notes")) {
                out.println("  note: " + note);
            }
        }
        List<Object> errors = (List<Object>) tree.get("errors");
        out.println();
        out.printf(
                "%d resource(s) read, %d input(s) could not be parsed%n",
                ((List<Object>) tree.get("results")).size(), errors.size());
    }

    @SuppressWarnings("unchecked")
    private static void fields(Map<String, Object> fields, String indent, PrintStream out) {
        fields.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                out.printf("%s%s: %s%n", indent, key, inline((Map<String, Object>) map));
            } else if (value instanceof List<?> list) {
                if (!list.isEmpty()) {
                    out.printf("%s%s: %s%n", indent, key, list);
                }
            } else {
                out.printf("%s%s: %s%n", indent, key, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static String inline(Map<String, Object> map) {
        StringBuilder text = new StringBuilder();
        map.forEach((key, value) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(key).append(' ');
            text.append(value instanceof Map<?, ?> nested ? "{" + inline((Map<String, Object>) nested) + "}" : value);
        });
        return text.toString();
    }
}
