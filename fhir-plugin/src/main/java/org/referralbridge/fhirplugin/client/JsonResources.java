package org.referralbridge.fhirplugin.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource as the EHR sent it, as a JSON tree: where its version is, which of its top-level extensions carry a URL,
 * and the two ways to change one of them that leave everything else as it was (a JSON Patch, or the whole tree with
 * only that extension replaced).
 */
final class JsonResources {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern COMPRESSION_MARK = Pattern.compile("--(gzip|br|deflate|zstd)$");
    private static final Pattern HISTORY_VERSION = Pattern.compile("/_history/([^/?#]+)");

    private JsonResources() {}

    /**
     * The version an ETag names: {@code W/"3"} and {@code "3"} both give {@code 3}, and so does {@code W/"3--gzip"}:
     * Jetty marks the ETag of a response it compressed so, and takes the mark off an If-Match again.
     */
    static Optional<String> versionOfETag(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = COMPRESSION_MARK.matcher(value.replace("\"", "").trim()).replaceFirst("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The version in a {@code Location} or {@code Content-Location} ending in {@code /_history/<version>}. */
    static Optional<String> versionOfLocation(String location) {
        if (location == null) {
            return Optional.empty();
        }
        Matcher matcher = HISTORY_VERSION.matcher(location);
        String found = null;
        while (matcher.find()) {
            found = matcher.group(1);
        }
        return Optional.ofNullable(found);
    }

    static Optional<String> metaVersionId(JsonNode resource) {
        JsonNode version = resource.path("meta").path("versionId");
        return version.isTextual() && !version.asText().isBlank() ? Optional.of(version.asText()) : Optional.empty();
    }

    /** Positions of the top-level extensions with this URL. */
    static List<Integer> extensionPositions(ObjectNode resource, String url) {
        List<Integer> positions = new ArrayList<>();
        JsonNode extensions = resource.get("extension");
        if (extensions == null) {
            return positions;
        }
        for (int i = 0; i < extensions.size(); i++) {
            if (url.equals(extensions.get(i).path("url").asText(null))) {
                positions.add(i);
            }
        }
        return positions;
    }

    /** The extension with {@code url} as its first member, the way FHIR JSON writes it. */
    static ObjectNode withUrlFirst(ObjectNode extension, String url) {
        ObjectNode ordered = NODES.objectNode();
        ordered.put("url", url);
        extension.properties().forEach(member -> {
            if (!member.getKey().equals("url")) {
                ordered.set(member.getKey(), member.getValue());
            }
        });
        return ordered;
    }

    /**
     * A JSON Patch that puts {@code extension} at {@code position} (replacing what is there, after testing it still
     * carries the URL) or, with no position, appends it (making the array when the resource has none).
     */
    static ArrayNode patch(ObjectNode resource, Integer position, ObjectNode extension) {
        ArrayNode operations = NODES.arrayNode();
        if (position != null) {
            operations
                    .addObject()
                    .put("op", "test")
                    .put("path", "/extension/" + position + "/url")
                    .put("value", extension.get("url").asText());
            operations
                    .addObject()
                    .put("op", "replace")
                    .put("path", "/extension/" + position)
                    .set("value", extension);
        } else if (resource.has("extension")) {
            operations.addObject().put("op", "add").put("path", "/extension/-").set("value", extension);
        } else {
            ObjectNode add = operations.addObject().put("op", "add").put("path", "/extension");
            add.putArray("value").add(extension);
        }
        return operations;
    }

    /** A copy of the resource with {@code extension} at {@code position}, or appended when there is none. */
    static ObjectNode withExtension(ObjectNode resource, Integer position, ObjectNode extension) {
        ObjectNode copy = resource.deepCopy();
        ArrayNode extensions = copy.has("extension") ? (ArrayNode) copy.get("extension") : copy.putArray("extension");
        if (position != null) {
            extensions.set(position, extension);
        } else {
            extensions.add(extension);
        }
        return copy;
    }
}
