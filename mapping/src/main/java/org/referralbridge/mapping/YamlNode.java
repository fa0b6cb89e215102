package org.referralbridge.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers where it was written, so that a problem can name the file, line and column. */
sealed interface YamlNode {

    Mark mark();

    /** A short name of the node's kind for messages ("a list", "a text", ...). */
    String kind();

    record Mark(String source, int line, int column) {}

    /** A scalar; {@code text} is null for an explicit YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, boolean bool, Mark mark) implements YamlNode {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return isNull() ? "nothing (null)" : "a single value";
        }
    }

    record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping whose keys keep the order of the file. */
    record Mapping(Map<String, Entry> entries, Mark mark) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        YamlNode get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        @Override
        public String kind() {
            return "a mapping of keys";
        }
    }

    record Entry(String key, Mark keyMark, YamlNode value) {}
}
