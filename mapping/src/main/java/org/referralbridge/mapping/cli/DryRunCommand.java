package org.referralbridge.mapping.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.referralbridge.mapping.DryRun;
import org.referralbridge.mapping.InvalidMappingProfile;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;

/** {@code dry-run --profile FILE|NAME --input FILE|DIR [--json]}. */
final class DryRunCommand {

    private final String profile;
    private final Path input;
    private final boolean json;

    private DryRunCommand(String profile, Path input, boolean json) {
        this.profile = profile;
        this.input = input;
        this.json = json;
    }

    /** The command, or empty after printing what is wrong with the options. */
    static Optional<DryRunCommand> parse(List<String> options, PrintStream err) {
        String profile = null;
        String input = null;
        boolean json = false;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--json" -> json = true;
                case "--profile", "--input" -> {
                    if (i + 1 >= options.size()) {
                        return usageError(err, option + " needs a value.");
                    }
                    if (option.equals("--profile")) {
                        profile = options.get(++i);
                    } else {
                        input = options.get(++i);
                    }
                }
                default -> {
                    return usageError(err, "Unknown option '" + option + "'.");
                }
            }
        }
        if (profile == null || input == null) {
            return usageError(err, "dry-run needs --profile and --input.");
        }
        return Optional.of(new DryRunCommand(profile, Path.of(input), json));
    }

    private static Optional<DryRunCommand> usageError(PrintStream err, String message) {
        err.println(message);
        err.print(MappingCommand.usage());
        return Optional.empty();
    }

    int run(MappingProfiles profiles, PrintStream out, PrintStream err) {
        if (!Files.exists(input)) {
            err.println("Input " + input + " does not exist.");
            return MappingCommand.USAGE;
        }
        MappingProfile loaded;
        try {
            Optional<MappingProfile> found = profile(profiles, err);
            if (found.isEmpty()) {
                return MappingCommand.USAGE;
            }
            loaded = found.get();
        } catch (InvalidMappingProfile invalid) {
            err.println(invalid.getMessage());
            return MappingCommand.INVALID;
        }
        FhirContext fhir = FhirContext.forR4Cached();
        ProfileEvaluator evaluator = new ProfileEvaluator(fhir, loaded);
        InputResources.Read read;
        try {
            read = new InputResources(fhir).read(input);
        } catch (UncheckedIOException e) {
            err.println("Cannot read input " + input);
            return MappingCommand.USAGE;
        }
        List<DryRunReport.Entry> entries = new ArrayList<>();
        for (InputResources.Located resource : read.resources()) {
            entries.add(new DryRunReport.Entry(resource.origin(), evaluator.dryRun(resource.resource())));
        }
        DryRunReport report = new DryRunReport(loaded, entries, read.errors());
        if (json) {
            DryRunJson.write(report, out);
        } else {
            DryRunText.write(report, out);
        }
        read.errors().forEach(error -> err.println("Could not parse " + error));
        return read.errors().isEmpty() ? MappingCommand.OK : MappingCommand.INVALID;
    }

    private Optional<MappingProfile> profile(MappingProfiles profiles, PrintStream err) {
        Path file = Path.of(profile);
        if (Files.isRegularFile(file)) {
            try {
                return Optional.of(profiles.load(file));
            } catch (UncheckedIOException e) {
                err.println("Cannot read profile file " + file);
                return Optional.empty();
            }
        }
        if (profiles.shippedNames().contains(profile) || MappingProfiles.DEFAULT_ALIAS.equals(profile)) {
            return Optional.of(profiles.shipped(profile));
        }
        err.println("'%s' is neither a profile file nor a shipped profile (%s)."
                .formatted(profile, String.join(", ", profiles.shippedNames())));
        return Optional.empty();
    }

    /** A dry run's results, one per resource read, and the inputs that could not be parsed. */
    record DryRunReport(MappingProfile profile, List<Entry> entries, List<String> errors) {

        /** One resource's dry run and where it came from ({@code file}, {@code file#entry[2]}, {@code file:3}). */
        record Entry(String origin, DryRun run) {}
    }
}
