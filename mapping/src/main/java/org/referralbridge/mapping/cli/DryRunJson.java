package org.referralbridge.mapping.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;

/** Prints a dry run as one JSON document. */
final class DryRunJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRunJson() {}

    static void write(DryRunCommand.DryRunReport report, PrintStream out) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(DryRunTree.of(report)));
        } catch (JsonProcessingException e) {
            // Only maps, lists and strings go in: this cannot happen.
            throw new IllegalStateException("Could not write the dry run as JSON", e);
        }
    }
}
