package org.referralbridge.mapping;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping profile that cannot be used, with every problem found in it (not only the first), each naming where in the
 * YAML it is.
 */
public class InvalidMappingProfile extends RuntimeException {

    private final String sourceName;
    private final List<Problem> problems;

    InvalidMappingProfile(String sourceName, List<Problem> problems) {
        super(describe(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** The name the profile was loaded under (usually its file name). */
    public String sourceName() {
        return sourceName;
    }

    /** Every problem found, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(String sourceName, List<Problem> problems) {
        String header = "Mapping profile '%s' has %d problem%s:"
                .formatted(sourceName, problems.size(), problems.size() == 1 ? "" : "s");
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
    }

    /**
     * One thing wrong with a profile.
     *
     * @param source the file the problem is in: the profile itself, or the default profile it extends
     * @param line 1-based line, 0 when the problem concerns the whole file
     * @param column 1-based column, 0 when unknown
     * @param path where in the YAML, as dotted keys with list indexes (e.g. {@code patient.channel[1]}); empty for the
     *     whole file
     * @param message what is wrong, and where useful what is expected
     */
    public record Problem(String source, int line, int column, String path, String message) {

        @Override
        public String toString() {
            String where = line > 0 ? "%s:%d:%d".formatted(source, line, column) : source;
            return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
        }
    }
}
