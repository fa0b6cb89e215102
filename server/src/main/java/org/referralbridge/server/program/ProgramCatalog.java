package org.referralbridge.server.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The practice's referral programs: defined through the API or loaded from files at start, each checked as a whole
 * before it is stored. A program that came from a file is changed in its file, not through the API.
 */
@Service
public class ProgramCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProgramCatalog.class);

    private final ProgramDefinitions definitions;
    private final ProgramReading reading;
    private final ObjectMapper mapper;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProgramCatalog(ProgramDefinitions definitions, ObjectMapper mapper, TransactionTemplate transactions, Clock clock) {
        this.definitions = definitions;
        this.reading = new ProgramReading(mapper);
        this.mapper = mapper;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Adds a program from the API.
     *
     * @throws InvalidProgram when the document has problems (every one named)
     * @throws ProgramConflict when the key is taken, or another program is already the default
     */
    public ProgramView create(JsonNode document, String actor) {
        ProgramDocument program = reading.fromJson(document);
        return transactions.execute(tx -> {
            if (definitions.findById(program.key()).isPresent()) {
                throw new ProgramConflict("a program with key '" + program.key() + "' exists; PUT /api/programs/"
                        + program.key() + " replaces it");
            }
            return store(new ProgramDefinition(program.key()), program, ProgramDefinition.FROM_API, actor);
        });
    }

    /**
     * Replaces a program defined through the API.
     *
     * @throws ProgramNotFound when there is none with that key
     * @throws ProgramConflict when the document names another key, the program comes from a file, or another program
     *     is already the default
     */
    public ProgramView replace(String key, JsonNode document, String actor) {
        ProgramDocument program = reading.fromJson(document);
        if (!key.equals(program.key())) {
            throw new ProgramConflict("the document's key '" + program.key() + "' is not the URL's '" + key + "'");
        }
        return transactions.execute(tx -> {
            ProgramDefinition existing = definitions.findById(key).orElseThrow(() -> new ProgramNotFound(key));
            if (!ProgramDefinition.FROM_API.equals(existing.source())) {
                throw new ProgramConflict("program '" + key + "' comes from " + existing.source()
                        + "; change it there (it is loaded again at every start)");
            }
            return store(existing, program, ProgramDefinition.FROM_API, actor);
        });
    }

    public List<ProgramView> all() {
        return definitions.findAllByOrderByKeyAsc().stream().map(this::view).toList();
    }

    public Optional<ProgramView> program(String key) {
        return definitions.findById(key).map(this::view);
    }

    /** The active programs today, the default first. */
    public List<ProgramView> activeToday() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return all().stream()
                .filter(view -> view.program().activeOn(today))
                .sorted((a, b) -> Boolean.compare(
                        b.program().defaultProgram(), a.program().defaultProgram()))
                .toList();
    }

    /**
     * Loads every program file of the directory: all are read and checked first, and any problem in any file stops
     * the start, listing them all; then each is stored (a file's program replaces what the database held).
     */
    void loadDirectory(Path directory) {
        Map<Path, ProgramDocument> programs = new LinkedHashMap<>();
        List<ProgramProblem> problems = new ArrayList<>();
        for (Path file : files(directory)) {
            try {
                programs.put(file, reading.fromYaml(Files.readString(file, StandardCharsets.UTF_8), name(file)));
            } catch (InvalidProgram invalid) {
                problems.addAll(invalid.problems());
            } catch (IOException e) {
                problems.add(new ProgramProblem(name(file), 0, "", "cannot be read"));
            }
        }
        Map<String, Path> keys = new LinkedHashMap<>();
        programs.forEach((file, program) -> {
            Path earlier = keys.putIfAbsent(program.key(), file);
            if (earlier != null) {
                problems.add(new ProgramProblem(
                        name(file), 0, "key", "'" + program.key() + "' is also the key of " + name(earlier)));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidProgram(directory.toString(), problems);
        }
        transactions.executeWithoutResult(tx -> programs.forEach((file, program) -> store(
                definitions.findById(program.key()).orElseGet(() -> new ProgramDefinition(program.key())),
                program,
                "file " + name(file),
                "system")));
        log.info("Loaded {} program(s) from {}", programs.size(), directory);
    }

    private ProgramView store(ProgramDefinition definition, ProgramDocument program, String source, String actor) {
        if (program.defaultProgram()) {
            definitions.findAllByOrderByKeyAsc().stream()
                    .filter(other -> !other.key().equals(program.key())
                            && other.isDefault()
                            && (other.end() == null
                                    || !other.end().isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new ProgramConflict("program '" + other.key() + "' is already the default; a referral"
                                + " whose code names no program falls under one program only");
                    });
        }
        definition.define(program, json(program), source, actor, clock.instant());
        ProgramDefinition saved = definitions.save(definition);
        log.info("Program '{}' defined (from {})", program.key(), source);
        return view(saved);
    }

    private String json(ProgramDocument program) {
        try {
            return mapper.writeValueAsString(program);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked program could not be written as JSON", e);
        }
    }

    private ProgramView view(ProgramDefinition definition) {
        try {
            return new ProgramView(
                    mapper.readValue(definition.document(), ProgramDocument.class),
                    definition.source(),
                    definition.updatedAt(),
                    definition.updatedBy(),
                    definition.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored program " + definition.key() + " is unreadable", e);
        }
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidProgram(
                    directory.toString(),
                    List.of(new ProgramProblem(
                            directory.toString(), 0, "", "referralbridge.programs.directory is not a directory")));
        }
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(file -> {
                        String name = file.getFileName().toString();
                        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    private static String name(Path file) {
        return String.valueOf(file.getFileName());
    }
}
