package org.referralbridge.server.program;

import java.util.List;
import java.util.stream.Collectors;

/** A program document with problems: every one of them, each with its field (and line, for a file). */
public class InvalidProgram extends RuntimeException {

    private final String source;
    private final List<ProgramProblem> problems;

    InvalidProgram(String source, List<ProgramProblem> problems) {
        super("Program " + source + " has " + problems.size() + " problem(s):\n  "
                + problems.stream().map(ProgramProblem::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<ProgramProblem> problems() {
        return problems;
    }
}
