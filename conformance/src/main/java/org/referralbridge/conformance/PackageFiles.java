package org.referralbridge.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the files of a FHIR NPM package folder from a class loader. The folder's {@code .index.json} is the list of
 * files to read, because a class path (inside a jar) cannot be listed reliably.
 */
final class PackageFiles {

    static final String INDEX = ".index.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassLoader loader;
    private final String root;
    private final IParser parser;

    PackageFiles(FhirContext ctx, ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root.endsWith("/") ? root : root + "/";
        // Strict: a typo in our own hand-written JSON must fail, not be dropped silently by the lenient default.
        this.parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    JsonNode readJson(String path) {
        String text = read(path);
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidConformancePackage(
                    "FHIR package file " + where(path) + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads every resource listed in {@code folder/.index.json}, in index order. */
    List<Resource> readFolder(String folder) {
        List<Resource> resources = new ArrayList<>();
        for (IndexEntry entry : index(folder)) {
            resources.add(parse(folder + entry.filename(), entry));
        }
        return resources;
    }

    List<IndexEntry> index(String folder) {
        String path = folder + INDEX;
        JsonNode files = readJson(path).path("files");
        if (!files.isArray()) {
            throw new InvalidConformancePackage("FHIR package file " + where(path) + " has no \"files\" array");
        }
        List<IndexEntry> entries = new ArrayList<>();
        for (JsonNode file : files) {
            entries.add(new IndexEntry(
                    file.path("filename").asText(null),
                    file.path("resourceType").asText(null),
                    file.path("id").asText(null),
                    file.path("url").asText(null)));
        }
        return entries;
    }

    private Resource parse(String path, IndexEntry entry) {
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(read(path));
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidConformancePackage(
                    "FHIR package file " + where(path) + " does not parse as a FHIR R4 JSON resource: "
                            + e.getMessage(),
                    e);
        }
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        String url = resource instanceof MetadataResource metadata ? metadata.getUrl() : null;
        if (!type.equals(entry.resourceType())
                || !String.valueOf(id).equals(entry.id())
                || (entry.url() != null && !entry.url().equals(url))) {
            throw new InvalidConformancePackage("FHIR package file " + where(path) + " holds " + type + "/" + id
                    + (url == null ? "" : " (" + url + ")") + " but " + INDEX + " lists " + entry);
        }
        return resource;
    }

    private String read(String path) {
        try (InputStream in = loader.getResourceAsStream(root + path)) {
            if (in == null) {
                throw new InvalidConformancePackage("FHIR package file " + where(path) + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConformancePackage("FHIR package file " + where(path) + " cannot be read", e);
        }
    }

    private String where(String path) {
        return "classpath:" + root + path;
    }
}
