package org.referralbridge.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one YAML document into {@link YamlNode}s with their positions. Jackson's streaming parser is used rather than
 * its tree model because the tree model forgets where each value was written.
 */
final class YamlReading {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final String source;
    private final Problems problems;

    private YamlReading(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The document's root, or empty when the text is not a usable YAML document (the problem is then recorded). */
    static Optional<YamlNode> read(Reader reader, String source, Problems problems) {
        return new YamlReading(source, problems).read(reader);
    }

    private Optional<YamlNode> read(Reader reader) {
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new YamlNode.Mark(source, 0, 0), "", "the file is empty; expected a mapping profile");
                return Optional.empty();
            }
            YamlNode root = readValue(parser, "");
            if (parser.nextToken() != null) {
                problems.add(
                        mark(parser.currentTokenLocation()),
                        "",
                        "the file holds more than one YAML document; put one mapping profile in each file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(mark(e.getLocation()), "", "not valid YAML: " + describe(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read mapping profile " + source, e);
        }
    }

    private YamlNode readValue(JsonParser parser, String path) throws IOException {
        YamlNode.Mark mark = mark(parser.currentTokenLocation());
        return switch (parser.currentToken()) {
            case START_OBJECT -> readMapping(parser, mark, path);
            case START_ARRAY -> readSequence(parser, mark, path);
            case VALUE_NULL -> new YamlNode.Scalar(null, false, mark);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(parser.getText(), true, mark);
            default -> new YamlNode.Scalar(parser.getText(), false, mark);
        };
    }

    private YamlNode.Mapping readMapping(JsonParser parser, YamlNode.Mark mark, String path) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = Problems.child(path, key);
            YamlNode.Mark keyMark = mark(parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser, keyPath);
            if (entries.containsKey(key)) {
                problems.add(
                        keyMark,
                        keyPath,
                        "duplicate key; it is already set on line "
                                + entries.get(key).keyMark().line());
            } else {
                entries.put(key, new YamlNode.Entry(key, keyMark, value));
            }
        }
        return new YamlNode.Mapping(entries, mark);
    }

    private YamlNode.Sequence readSequence(JsonParser parser, YamlNode.Mark mark, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, Problems.item(path, items.size())));
        }
        return new YamlNode.Sequence(items, mark);
    }

    private YamlNode.Mark mark(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return new YamlNode.Mark(source, 0, 0);
        }
        return new YamlNode.Mark(source, location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }

    /**
     * SnakeYAML's message repeats the offending line with a caret under it; keep only its sentences ("while parsing a
     * flow sequence; expected ',' or ']', but got {"), since the line and column are reported anyway.
     */
    private static String describe(String message) {
        if (message == null) {
            return "unreadable";
        }
        String sentences = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        String text = sentences.isEmpty() ? message.strip() : sentences;
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
