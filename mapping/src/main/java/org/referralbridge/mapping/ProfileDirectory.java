package org.referralbridge.mapping;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Loads the profiles of one folder: every problem of every file is collected, so a clinic fixing its profiles sees all
 * of them at once, and two files may not use the same profile name.
 */
final class ProfileDirectory {

    private final BiFunction<Reader, String, MappingProfiles.Named> loader;

    ProfileDirectory(BiFunction<Reader, String, MappingProfiles.Named> loader) {
        this.loader = loader;
    }

    Map<String, MappingProfile> load(Path dir) {
        Map<String, MappingProfile> profiles = new LinkedHashMap<>();
        Map<String, String> fileOfName = new LinkedHashMap<>();
        List<InvalidMappingProfile.Problem> problems = new ArrayList<>();
        for (Path file : profileFiles(dir)) {
            String sourceName = String.valueOf(file.getFileName());
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                MappingProfiles.Named named = loader.apply(reader, sourceName);
                String name = named.profile().name();
                String earlier = fileOfName.putIfAbsent(name, sourceName);
                if (earlier == null) {
                    profiles.put(name, named.profile());
                } else {
                    YamlNode.Mark mark = named.nameMark();
                    problems.add(new InvalidMappingProfile.Problem(
                            sourceName,
                            mark.line(),
                            mark.column(),
                            "name",
                            "profile name '%s' is already used by %s; each profile needs its own name"
                                    .formatted(name, earlier)));
                }
            } catch (InvalidMappingProfile invalid) {
                problems.addAll(invalid.problems());
            } catch (IOException | UncheckedIOException e) {
                problems.add(new InvalidMappingProfile.Problem(sourceName, 0, 0, "", "the file cannot be read"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingProfile(String.valueOf(dir.getFileName()), problems);
        }
        return Collections.unmodifiableMap(profiles);
    }

    /** The folder's YAML files in the order of their names, so that problems and duplicates read the same each time. */
    private static List<Path> profileFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(ProfileDirectory::isYaml)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list mapping profiles in " + dir, e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
