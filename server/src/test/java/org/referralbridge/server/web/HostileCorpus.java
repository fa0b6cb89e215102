package org.referralbridge.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.yaml}): one case per entry, its body either
 * inline or with {@code {{generator:argument}}} placeholders for what is too large or too binary to write out.
 */
final class HostileCorpus {

    static final String RESOURCE = "/hostile/corpus.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+):([^}]*)}}");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    /**
     * @param auth {@code admin} (HTTP Basic with the test credentials) or {@code none}
     * @param secret whether the notification secret header is sent
     * @param expect the statuses the case may get (usually one)
     * @param mentions texts the answer's body must contain (case-insensitive)
     */
    record Case(
            String id,
            String what,
            String method,
            String path,
            String auth,
            boolean secret,
            Map<String, String> headers,
            String body,
            List<Integer> expect,
            List<String> mentions) {

        /** The request target with its placeholders replaced (as ASCII: a generator that makes other bytes is no use here). */
        String target() {
            return new String(expand(path), StandardCharsets.ISO_8859_1);
        }

        /** The body as bytes, placeholders replaced by what their generator makes; null when the case has none. */
        byte[] bodyBytes() {
            return body == null ? null : expand(body);
        }

        private static byte[] expand(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Matcher m = PLACEHOLDER.matcher(text);
            int at = 0;
            while (m.find()) {
                out.writeBytes(text.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(generate(m.group(1), m.group(2)));
                at = m.end();
            }
            out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }

        String expected() {
            return String.join(" or ", expect.stream().map(String::valueOf).toList());
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private HostileCorpus() {}

    static List<Case> load() {
        try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            List<Map<String, Object>> entries = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return entries.stream().map(HostileCorpus::toCase).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Case toCase(Map<String, Object> entry) {
        String id = required(entry, "id");
        String method = required(entry, "method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException(id + ": unknown method " + method);
        }
        String auth = (String) entry.getOrDefault("auth", "none");
        if (!Set.of("admin", "none").contains(auth)) {
            throw new IllegalArgumentException(id + ": auth must be admin or none");
        }
        Object expect = entry.get("expect");
        List<Integer> statuses = expect instanceof List<?> list ? (List<Integer>) list : List.of((Integer) expect);
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 400 || s > 499)) {
            throw new IllegalArgumentException(id + ": expect must name 4xx statuses");
        }
        Map<String, Object> headers = (Map<String, Object>) entry.getOrDefault("headers", Map.of());
        Map<String, String> headerText = new LinkedHashMap<>();
        headers.forEach((name, value) -> headerText.put(name, String.valueOf(value)));
        return new Case(
                id,
                required(entry, "what"),
                method,
                required(entry, "path"),
                auth,
                Boolean.TRUE.equals(entry.get("secret")),
                headerText,
                (String) entry.get("body"),
                List.copyOf(statuses),
                List.copyOf((List<String>) entry.getOrDefault("mentions", List.of())));
    }

    private static String required(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("corpus entry " + entry.get("id") + " has no " + key);
        }
        return text;
    }

    static byte[] generate(String generator, String argument) {
        return switch (generator) {
            case "deep-array" ->
                ("[".repeat(count(argument)) + "]".repeat(count(argument))).getBytes(StandardCharsets.US_ASCII);
            case "deep-object" -> deepObject(count(argument));
            case "huge-string" -> "x".repeat(count(argument)).getBytes(StandardCharsets.US_ASCII);
            case "huge-number" -> ("9".repeat(count(argument))).getBytes(StandardCharsets.US_ASCII);
            case "bytes-hex" -> HexFormat.of().parseHex(argument.replace(" ", ""));
            case "repeat-entries" -> notificationBundle(count(argument));
            default -> throw new IllegalArgumentException("no generator named " + generator);
        };
    }

    private static int count(String argument) {
        return Integer.parseInt(argument.trim());
    }

    private static byte[] deepObject(int depth) {
        StringBuilder json = new StringBuilder(depth * 7);
        json.append("{\"a\":".repeat(depth)).append("1").append("}".repeat(depth));
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A well-formed topic-based notification: its SubscriptionStatus, then {@code entries} Encounter entries. */
    private static byte[] notificationBundle(int entries) {
        StringBuilder json = new StringBuilder(entries * 80 + 600);
        json.append("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[")
                .append("{\"fullUrl\":\"urn:uuid:292d3c72-edc1-4d8a-afaa-d85e19c7f563\",\"resource\":{")
                .append("\"resourceType\":\"Parameters\",\"parameter\":[")
                .append("{\"name\":\"subscription\",\"valueReference\":{\"reference\":\"Subscription/s1\"}},")
                .append("{\"name\":\"status\",\"valueCode\":\"active\"},")
                .append("{\"name\":\"type\",\"valueCode\":\"event-notification\"},")
                .append("{\"name\":\"events-since-subscription-start\",\"valueString\":\"")
                .append(entries)
                .append("\"}]}}");
        for (int i = 1; i <= entries; i++) {
            json.append(",{\"fullUrl\":\"Encounter/e")
                    .append(i)
                    .append("\",\"resource\":{\"resourceType\":\"Encounter\",\"id\":\"e")
                    .append(i)
                    .append("\"}}");
        }
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
