package org.referralbridge.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The Referral Bridge FHIR package ({@value Canonicals#PACKAGE_NAME}, FHIR R4) as HAPI resources: its conformance
 * resources, with snapshots generated for its StructureDefinitions, and its examples.
 *
 * <p>Load it once per application ({@link #loadFromClasspath(FhirContext)} takes a moment) and share it: it is
 * immutable and thread-safe. Every accessor returns an unmodifiable list of fresh copies, so callers may change
 * the resources they get without changing the package.
 */
public final class ConformancePackage {

    /** Where the package folder lives on the class path (the same layout as {@code package/} in the tarball). */
    static final String CLASSPATH_ROOT = "fhir/package/";

    static final String EXAMPLE_FOLDER = "example/";

    private final String name;
    private final String version;
    private final List<Resource> resources;
    private final List<Resource> examples;

    private ConformancePackage(String name, String version, List<Resource> resources, List<Resource> examples) {
        this.name = name;
        this.version = version;
        this.resources = List.copyOf(resources);
        this.examples = List.copyOf(examples);
    }

    /**
     * Loads the package from {@code classpath:fhir/package/} and generates the snapshots of its StructureDefinitions.
     *
     * @param ctx an R4 context (one per application)
     * @throws InvalidConformancePackage naming the file, if a listed file is missing, does not parse, or does not
     *     hold what the package index says
     */
    public static ConformancePackage loadFromClasspath(FhirContext ctx) {
        return load(ctx, ConformancePackage.class.getClassLoader(), CLASSPATH_ROOT);
    }

    static ConformancePackage load(FhirContext ctx, ClassLoader loader, String root) {
        Objects.requireNonNull(ctx, "ctx");
        if (ctx.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("The Referral Bridge FHIR package is FHIR R4; got a FhirContext for "
                    + ctx.getVersion().getVersion());
        }
        PackageFiles files = new PackageFiles(ctx, loader, root);
        JsonNode manifest = files.readJson("package.json");
        List<Resource> resources = withSnapshots(ctx, files.readFolder(""));
        List<Resource> examples = files.readFolder(EXAMPLE_FOLDER);
        return new ConformancePackage(
                manifest.path("name").asText(), manifest.path("version").asText(), resources, examples);
    }

    private static List<Resource> withSnapshots(FhirContext ctx, List<Resource> resources) {
        List<StructureDefinition> complete =
                new SnapshotGenerator(ctx).withSnapshots(ofType(resources, StructureDefinition.class));
        List<Resource> result = new ArrayList<>();
        int next = 0;
        for (Resource resource : resources) {
            result.add(resource instanceof StructureDefinition ? complete.get(next++) : resource);
        }
        return result;
    }

    /** The package name from {@code package.json}, {@value Canonicals#PACKAGE_NAME}. */
    public String name() {
        return name;
    }

    /** The package version from {@code package.json}, e.g. {@code 0.1.0}. */
    public String version() {
        return version;
    }

    /** Every conformance resource of the package (not the examples), in index order. */
    public List<Resource> resources() {
        return resources.stream().map(Resource::copy).toList();
    }

    /** The extensions (and later profiles), each with a generated snapshot. */
    public List<StructureDefinition> structureDefinitions() {
        return copiesOf(resources, StructureDefinition.class);
    }

    /** The SearchParameters on Patient (status active, so that a HAPI JPA server indexes them once loaded). */
    public List<SearchParameter> searchParameters() {
        return copiesOf(resources, SearchParameter.class);
    }

    public List<CodeSystem> codeSystems() {
        return copiesOf(resources, CodeSystem.class);
    }

    public List<ValueSet> valueSets() {
        return copiesOf(resources, ValueSet.class);
    }

    /** What the Referral Bridge service offers and needs, for its own FHIR endpoint to serve at {@code /metadata}. */
    public CapabilityStatement capabilityStatement() {
        return copiesOf(resources, CapabilityStatement.class).stream()
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("The package has no CapabilityStatement"));
    }

    /** The examples from {@code package/example/}: fictional data, each valid against the package. */
    public List<Resource> examples() {
        return examples.stream().map(Resource::copy).toList();
    }

    /**
     * One example by type and id, e.g. {@code example(Patient.class, "referred-by-anna")}.
     *
     * @throws NoSuchElementException if the package has no such example
     */
    public <T extends Resource> T example(Class<T> type, String id) {
        return copiesOf(examples, type).stream()
                .filter(example -> example.getIdElement().getIdPart().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        new NoSuchElementException("The package has no example " + type.getSimpleName() + "/" + id));
    }

    @Override
    public String toString() {
        return name + "#" + version + " (" + resources.size() + " resources, " + examples.size() + " examples)";
    }

    private static <T extends Resource> List<T> copiesOf(List<Resource> resources, Class<T> type) {
        return ofType(resources, type).stream()
                .map(Resource::copy)
                .map(type::cast)
                .toList();
    }

    private static <T extends Resource> List<T> ofType(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
