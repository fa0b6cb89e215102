package org.referralbridge.server.program;

/**
 * One thing wrong with a program document.
 *
 * @param field where, as a path such as {@code rewards[0].items[1].retailValue.currency}
 * @param line the line in the YAML file, 0 when the document came as JSON through the API
 */
public record ProgramProblem(String source, int line, String field, String message) {

    @Override
    public String toString() {
        return (line > 0 ? source + ":" + line + ": " : "") + field + ": " + message;
    }
}
