package org.referralbridge.mapping.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads the resources of a dry run's input: a JSON resource, a Bundle (each entry's resource), an {@code .ndjson} file
 * (each line) or a folder with any of them (its files and subfolders, in name order).
 */
final class InputResources {

    /** A resource and where it was read. */
    record Located(String origin, IBaseResource resource) {}

    /** What was read, and each input that could not be parsed (as {@code origin: reason}, without its content). */
    record Read(List<Located> resources, List<String> errors) {}

    private final IParser parser;

    InputResources(FhirContext fhir) {
        this.parser = fhir.newJsonParser();
    }

    /**
     * @throws UncheckedIOException when a file or the folder cannot be read
     */
    Read read(Path input) {
        List<Located> resources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files(input)) {
            String name = file.toString();
            String text = text(file);
            if (name.toLowerCase(Locale.ROOT).endsWith(".ndjson")) {
                String[] lines = text.split("\\R");
                for (int i = 0; i < lines.length; i++) {
                    if (!lines[i].isBlank()) {
                        parse(name + ":" + (i + 1), lines[i], resources, errors);
                    }
                }
            } else {
                parse(name, text, resources, errors);
            }
        }
        return new Read(List.copyOf(resources), List.copyOf(errors));
    }

    private void parse(String origin, String json, List<Located> resources, List<String> errors) {
        IBaseResource resource;
        try {
            resource = parser.parseResource(json);
        } catch (RuntimeException e) {
            // Not the parser's message: it may quote the input, which can be PHI.
            errors.add(origin + ": not a FHIR R4 JSON resource (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (resource instanceof Bundle bundle) {
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                IBaseResource entry = bundle.getEntry().get(i).getResource();
                if (entry != null) {
                    resources.add(new Located(origin + "#entry[" + i + "]", entry));
                }
            }
        } else {
            resources.add(new Located(origin, resource));
        }
    }

    private static List<Path> files(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".json") || name.endsWith(".ndjson");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
