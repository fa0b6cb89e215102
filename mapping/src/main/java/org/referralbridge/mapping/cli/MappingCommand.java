package org.referralbridge.mapping.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.referralbridge.mapping.InvalidMappingProfile;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.MappingProfiles;

/**
 * The {@code mapping} command line: {@code validate FILE} and {@code dry-run --profile FILE|NAME --input FILE|DIR
 * [--json]}. The server's jar runs it as {@code java -jar server.jar mapping ...}.
 *
 * <p>Exit codes: 0 done, 1 an invalid profile or an input that could not be parsed, 2 a usage error or a file that
 * cannot be read.
 */
public final class MappingCommand {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: mapping <command> [options]

            Commands:
              validate FILE|DIR
                  Check a mapping profile, or every *.yaml/*.yml profile of a folder; prints every problem with
                  file, line and field.
                  Exit 0 valid, 1 invalid, 2 file missing or unreadable.
              dry-run --profile FILE|NAME --input FILE|DIR [--json]
                  Show what a profile makes of FHIR R4 resources, and which expression produced which value.
                  --profile  a profile file, or the name of a shipped profile: %s (or default)
                  --input    a JSON resource, a Bundle (each entry), an .ndjson file (each line), or a folder of them
                  --json     print one JSON document instead of text
                  Exit 0 done, 1 the profile is invalid or an input could not be parsed, 2 usage error.
              help
                  Print this text.
            """;

    private MappingCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the command and its options, e.g. {@code [validate, clinic.yaml]}
     * @return the exit code: 0 done, 1 invalid profile or unparseable input, 2 usage error or unreadable file
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(usage());
            return USAGE;
        }
        List<String> options = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "help", "--help", "-h" -> {
                out.print(usage());
                yield OK;
            }
            case "validate" -> validate(options, out, err);
            case "dry-run" ->
                DryRunCommand.parse(options, err)
                        .map(command -> command.run(profiles(), out, err))
                        .orElse(USAGE);
            default -> {
                err.println("Unknown command '" + args.get(0) + "'.");
                err.print(usage());
                yield USAGE;
            }
        };
    }

    private static int validate(List<String> options, PrintStream out, PrintStream err) {
        if (options.size() != 1) {
            err.println("validate needs exactly one profile file.");
            err.print(usage());
            return USAGE;
        }
        Path file = Path.of(options.get(0));
        if (Files.isDirectory(file)) {
            return validateDirectory(file, out, err);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("Cannot read profile file " + file);
            return USAGE;
        }
        try {
            MappingProfile profile = profiles().load(file);
            out.println("%s: valid mapping profile '%s'".formatted(file, profile.name()));
            return OK;
        } catch (InvalidMappingProfile invalid) {
            err.println(invalid.getMessage());
            return INVALID;
        } catch (UncheckedIOException e) {
            err.println("Cannot read profile file " + file);
            return USAGE;
        }
    }

    /** A folder of profiles, as the server loads it: every problem of every file, and names used twice. */
    private static int validateDirectory(Path dir, PrintStream out, PrintStream err) {
        try {
            Map<String, MappingProfile> profiles = profiles().loadDirectory(dir);
            out.println("%s: %d valid mapping profile(s)%s"
                    .formatted(
                            dir,
                            profiles.size(),
                            profiles.isEmpty() ? "" : ": " + String.join(", ", profiles.keySet())));
            return OK;
        } catch (InvalidMappingProfile invalid) {
            err.println(invalid.getMessage());
            return INVALID;
        } catch (UncheckedIOException e) {
            err.println("Cannot read profile folder " + dir);
            return USAGE;
        }
    }

    private static MappingProfiles profiles() {
        return new MappingProfiles(FhirContext.forR4Cached());
    }

    static String usage() {
        return USAGE_TEXT.formatted(String.join(", ", MappingProfiles.SHIPPED_NAMES));
    }
}
