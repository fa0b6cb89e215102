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
import java.util.Objects;
import java.util.Optional;

/**
 * Loads mapping profiles from YAML and checks them, reporting every problem at once ({@link InvalidMappingProfile}).
 *
 * <p>Build one per application with the application's single R4 {@link FhirContext}; it is thread-safe. The FHIRPath
 * expressions are parsed here to check them; a {@link ProfileEvaluator} compiles them for use.
 */
public final class MappingProfiles {

    /** Classpath location of the bundled default profile. */
    public static final String DEFAULT_PROFILE_RESOURCE = "/org/referralbridge/mapping/default.yaml";

    static final String DEFAULT_SOURCE_NAME = "default.yaml";

    private final FhirPathCheck fhirPathCheck;
    private final YamlNode.Mapping defaultTree;
    private final MappingProfile defaultProfile;

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
        return profile;
    }

    private YamlNode.Mapping extended(YamlNode.Mapping profile, Problems problems) {
        YamlNode base = profile.get("extends");
        if (base == null || (base instanceof YamlNode.Scalar scalar && scalar.isNull())) {
            return profile;
        }
        if (base instanceof YamlNode.Scalar scalar
                && "default".equals(scalar.text().strip())) {
            return ProfileMerge.over(defaultTree, profile);
        }
        problems.add(base.mark(), "extends", "a profile can only extend 'default'");
        return profile;
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
