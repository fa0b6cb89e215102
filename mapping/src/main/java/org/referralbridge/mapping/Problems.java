package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one profile so that all of them are reported at once. */
final class Problems {

    private final List<InvalidMappingProfile.Problem> found = new ArrayList<>();

    void add(YamlNode.Mark mark, String path, String message) {
        found.add(new InvalidMappingProfile.Problem(mark.source(), mark.line(), mark.column(), path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws when any problem was found; the problems come in the order of the file. */
    void throwIfAny(String sourceName) {
        if (!found.isEmpty()) {
            throw toException(sourceName);
        }
    }

    InvalidMappingProfile toException(String sourceName) {
        if (found.isEmpty()) {
            throw new IllegalStateException("no problem was recorded for " + sourceName);
        }
        List<InvalidMappingProfile.Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(
                        (InvalidMappingProfile.Problem p) -> !p.source().equals(sourceName))
                .thenComparingInt(InvalidMappingProfile.Problem::line)
                .thenComparingInt(InvalidMappingProfile.Problem::column));
        return new InvalidMappingProfile(sourceName, sorted);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }
}
