package org.referralbridge.mapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of a profile while it is read: hands out its values, records a problem for every value of the wrong
 * shape, and at the end reports every key nobody asked for, since an unknown key is most often a misspelt one.
 */
final class ProfileKeys {

    /** A value with the place it was written. */
    record Located(String value, YamlNode.Mark mark, String path) {}

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    ProfileKeys(YamlNode.Mapping mapping, String path, Problems problems) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
    }

    String pathOf(String key) {
        return Problems.child(path, key);
    }

    YamlNode.Mark mark() {
        return mapping.mark();
    }

    /** The value under the key, or null when the key is absent or explicitly null. */
    YamlNode value(String key) {
        known.add(key);
        YamlNode value = mapping.get(key);
        return value instanceof YamlNode.Scalar scalar && scalar.isNull() ? null : value;
    }

    void problem(YamlNode.Mark mark, String path, String message) {
        problems.add(mark, path, message);
    }

    /** A required key is absent, or set to null: then the problem points at the key. */
    void missing(String key, String hint) {
        missing(key, "field", hint);
    }

    private void missing(String key, String what, String hint) {
        YamlNode.Entry nulled = mapping.entries().get(key);
        YamlNode.Mark mark = nulled == null ? mapping.mark() : nulled.keyMark();
        problems.add(mark, pathOf(key), "missing required " + what + (hint.isEmpty() ? "" : "; " + hint));
    }

    Optional<ProfileKeys> section(String key, boolean required, String hint) {
        YamlNode node = value(key);
        if (node == null) {
            if (required) {
                missing(key, "section", hint);
            }
            return Optional.empty();
        }
        if (node instanceof YamlNode.Mapping child) {
            return Optional.of(new ProfileKeys(child, pathOf(key), problems));
        }
        problems.add(node.mark(), pathOf(key), "expected a mapping of keys, found " + node.kind());
        return Optional.empty();
    }

    /** A single value, stripped; blank counts as a problem. */
    Optional<Located> text(String key, boolean required, String hint) {
        YamlNode node = value(key);
        if (node == null) {
            if (required) {
                missing(key, hint);
            }
            return Optional.empty();
        }
        return scalarText(node, pathOf(key));
    }

    boolean flag(String key, boolean whenAbsent) {
        YamlNode node = value(key);
        if (node == null) {
            return whenAbsent;
        }
        if (node instanceof YamlNode.Scalar scalar && scalar.bool()) {
            return Boolean.parseBoolean(scalar.text().toLowerCase(Locale.ROOT));
        }
        problems.add(node.mark(), pathOf(key), "expected true or false");
        return whenAbsent;
    }

    /** A single value or a list of them; absent and an empty list both give an empty list. */
    List<Located> texts(String key) {
        YamlNode node = value(key);
        List<Located> texts = new ArrayList<>();
        if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                scalarText(sequence.items().get(i), Problems.item(pathOf(key), i))
                        .ifPresent(texts::add);
            }
        } else if (node != null) {
            scalarText(node, pathOf(key)).ifPresent(texts::add);
        }
        return texts;
    }

    /** A mapping of single values, in the order of the file. */
    Map<String, Located> textMap(String key) {
        YamlNode node = value(key);
        Map<String, Located> texts = new LinkedHashMap<>();
        if (node instanceof YamlNode.Mapping map) {
            for (YamlNode.Entry entry : map.entries().values()) {
                scalarText(entry.value(), Problems.child(pathOf(key), entry.key()))
                        .ifPresent(text -> texts.put(entry.key(), text));
            }
        } else if (node != null) {
            problems.add(node.mark(), pathOf(key), "expected a mapping of keys, found " + node.kind());
        }
        return texts;
    }

    private Optional<Located> scalarText(YamlNode node, String at) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            problems.add(node.mark(), at, "expected a single value, found " + node.kind());
            return Optional.empty();
        }
        if (scalar.text().isBlank()) {
            problems.add(node.mark(), at, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(new Located(scalar.text().strip(), node.mark(), at));
    }

    void reportUnknownKeys() {
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                problems.add(entry.keyMark(), pathOf(entry.key()), "unknown key" + suggestionFor(entry.key()));
            }
        }
    }

    private String suggestionFor(String unknown) {
        return known.stream()
                .filter(candidate ->
                        distance(candidate.toLowerCase(Locale.ROOT), unknown.toLowerCase(Locale.ROOT)) <= 2)
                .findFirst()
                .map(candidate -> "; did you mean '" + candidate + "'?")
                .orElse("; expected one of " + String.join(", ", known));
    }

    /** Levenshtein distance, enough to catch a misspelt key. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Whether the value is an absolute URL; records a problem when not. */
    boolean absoluteUrl(Located url) {
        try {
            if (new URI(url.value()).isAbsolute()) {
                return true;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(url.mark(), url.path(), "expected an absolute URL, found '%s'".formatted(url.value()));
        return false;
    }
}
