package org.referralbridge.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads mapping profiles from YAML and checks them, reporting every problem at once ({@link InvalidMappingProfile}).
 *
 * <p>Build one per application with the application's single R4 {@link FhirContext}; it is thread-safe. The FHIRPath
 * expressions are parsed here to check them; a {@link ProfileEvaluator} compiles them for use.
 */
public final class MappingProfiles {

    /** Classpath folder of the shipped profiles, each {@code <name>.yaml}. */
    public static final String SHIPPED_PROFILES_FOLDER = "/org/referralbridge/mapping/profiles/";

    /** The name of the native profile, the default. */
    public static final String NATIVE_PROFILE = "referral-bridge-native";

    /** Another name of the native profile, kept for {@code extends: default} and older settings. */
    public static final String DEFAULT_ALIAS = "default";

    /** Classpath location of the bundled default profile. */
    public static final String DEFAULT_PROFILE_RESOURCE = SHIPPED_PROFILES_FOLDER + NATIVE_PROFILE + ".yaml";

    static final String DEFAULT_SOURCE_NAME = NATIVE_PROFILE + ".yaml";

    /** The names of the shipped profiles, the native (default) one first. */
    public static final List<String> SHIPPED_NAMES =
            List.of(NATIVE_PROFILE, "intake-questionnaire", "vendor-extension", "identifier-code");

    private final FhirPathCheck fhirPathCheck;
    private final YamlNode.Mapping defaultTree;
    private final MappingProfile defaultProfile;
    private final Map<String, MappingProfile> shipped;

    /**
     * @param fhirContext the application's FHIR R4 context
     * @throws IllegalArgumentException when the context is not for FHIR R4
     */
    public MappingProfiles(FhirContext fhirContext) {
        requireR4(fhirContext);
        this.fhirPathCheck = new FhirPathCheck(fhirContext);
        try (InputStream in = MappingProfiles.class.getResourceAsStream(DEFAULT_PROFILE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The default mapping profile is missing from the classpath");
            }
            Problems problems = new Problems();
            YamlNode root = YamlReading.read(reader(in), DEFAULT_SOURCE_NAME, problems)
                    .orElseThrow(() -> problems.toException(DEFAULT_SOURCE_NAME));
            this.defaultTree = (YamlNode.Mapping) root;
            this.defaultProfile = new ProfileReading(fhirPathCheck, problems).read(defaultTree, DEFAULT_SOURCE_NAME);
            problems.throwIfAny(DEFAULT_SOURCE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the default mapping profile", e);
        }
        Map<String, MappingProfile> profiles = new LinkedHashMap<>();
        profiles.put(NATIVE_PROFILE, defaultProfile);
        for (String name : SHIPPED_NAMES.subList(1, SHIPPED_NAMES.size())) {
            profiles.put(name, loadShipped(name));
        }
        this.shipped = Collections.unmodifiableMap(profiles);
    }

    private MappingProfile loadShipped(String name) {
        try (InputStream in = MappingProfiles.class.getResourceAsStream(SHIPPED_PROFILES_FOLDER + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException(
                        "The shipped mapping profile " + name + " is missing from the classpath");
            }
            return load(in, name + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped mapping profile " + name, e);
        }
    }

    static void requireR4(FhirContext fhirContext) {
        Objects.requireNonNull(fhirContext, "fhirContext");
        if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("Mapping profiles need a FHIR R4 context, not "
                    + fhirContext.getVersion().getVersion());
        }
    }

    /** The bundled default profile: Referral Bridge's own extensions and standard Encounter and Coverage fields. */
    public MappingProfile defaultProfile() {
        return defaultProfile;
    }

    /** The names of the profiles shipped with Referral Bridge, the native (default) one first. */
    public List<String> shippedNames() {
        return SHIPPED_NAMES;
    }

    /**
     * A profile shipped with Referral Bridge; {@code default} names the native one.
     *
     * @throws IllegalArgumentException for a name that is not shipped, listing those that are
     */
    public MappingProfile shipped(String name) {
        MappingProfile profile = shipped.get(DEFAULT_ALIAS.equals(name) ? NATIVE_PROFILE : name);
        if (profile == null) {
            throw new IllegalArgumentException("No shipped mapping profile is named '%s'; shipped are %s"
                    .formatted(name, String.join(", ", SHIPPED_NAMES)));
        }
        return profile;
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file of a folder (not its subfolders), each under its {@code name}.
     *
     * @return the profiles by name, in the order of their file names; empty for a folder without profiles
     * @throws InvalidMappingProfile with every problem of every file, each naming its file, line and field; also when
     *     two files use the same name
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public Map<String, MappingProfile> loadDirectory(Path dir) {
        return new ProfileDirectory(this::loadNamed).load(dir);
    }

    /**
     * The shipped profiles, and those of a folder if one is given: a folder's profile with the name of a shipped one
     * replaces it.
     *
     * @throws InvalidMappingProfile as {@link #loadDirectory(Path)}
     */
    public Map<String, MappingProfile> all(Optional<Path> dir) {
        Map<String, MappingProfile> profiles = new LinkedHashMap<>(shipped);
        dir.ifPresent(folder -> profiles.putAll(loadDirectory(folder)));
        return Collections.unmodifiableMap(profiles);
    }

    /**
     * Loads a profile from a file; the file name becomes its {@link MappingProfile#sourceName()}.
     *
     * @throws InvalidMappingProfile listing every problem, each with line, column and YAML path
     * @throws UncheckedIOException when the file cannot be read
     */
    public MappingProfile load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, String.valueOf(file.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read mapping profile " + file, e);
        }
    }

    /**
     * Loads a profile from UTF-8 YAML; the stream is not closed.
     *
     * @param sourceName how problems name the profile, e.g. its file name
     * @throws InvalidMappingProfile listing every problem, each with line, column and YAML path
     */
    public MappingProfile load(InputStream yaml, String sourceName) {
        return load(reader(yaml), sourceName);
    }

    /**
     * Loads a profile from YAML text.
     *
     * @param sourceName how problems name the profile, e.g. its file name
     * @throws InvalidMappingProfile listing every problem, each with line, column and YAML path
     */
    public MappingProfile load(String yaml, String sourceName) {
        return load(new StringReader(yaml), sourceName);
    }

    private MappingProfile load(Reader yaml, String sourceName) {
        return loadNamed(yaml, sourceName).profile();
    }

    /** A profile and where its name is written, for the directory's check that names are unique. */
    record Named(MappingProfile profile, YamlNode.Mark nameMark) {}

    private Named loadNamed(Reader yaml, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        Problems problems = new Problems();
        Optional<YamlNode> root = YamlReading.read(yaml, sourceName, problems);
        if (root.isPresent() && !(root.get() instanceof YamlNode.Mapping)) {
            problems.add(
                    root.get().mark(),
                    "",
                    "expected a mapping profile (a mapping of keys such as formatVersion, "
                            + "name, patient, encounter), found " + root.get().kind());
        }
        if (!(root.orElse(null) instanceof YamlNode.Mapping mapping)) {
            throw problems.toException(sourceName);
        }
        MappingProfile profile =
                new ProfileReading(fhirPathCheck, problems).read(extended(mapping, problems), sourceName);
        problems.throwIfAny(sourceName);
        YamlNode.Entry name = mapping.entries().get("name");
        return new Named(profile, name == null ? mapping.mark() : name.value().mark());
    }

    private YamlNode.Mapping extended(YamlNode.Mapping profile, Problems problems) {
        YamlNode base = profile.get("extends");
        if (base == null || (base instanceof YamlNode.Scalar scalar && scalar.isNull())) {
            return profile;
        }
        if (base instanceof YamlNode.Scalar scalar
                && (DEFAULT_ALIAS.equals(scalar.text().strip())
                        || NATIVE_PROFILE.equals(scalar.text().strip()))) {
            return ProfileMerge.over(defaultTree, profile);
        }
        problems.add(base.mark(), "extends", "a profile can only extend 'default' (" + NATIVE_PROFILE + ")");
        return profile;
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
