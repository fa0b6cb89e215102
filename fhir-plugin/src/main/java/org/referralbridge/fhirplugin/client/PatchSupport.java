package org.referralbridge.fhirplugin.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which resource types an EHR lets us change with JSON Patch, as its CapabilityStatement says: the {@code patch}
 * interaction on the type, and {@code application/json-patch+json} among the patch formats (or no formats listed).
 * Read once per base URL and kept; a type whose PATCH the EHR still refuses as unsupported is dropped from the set.
 */
final class PatchSupport {

    static final String JSON_PATCH = "application/json-patch+json";

    private final ObjectMapper json;
    private final boolean enabled;
    private final Map<String, Set<String>> patchableByBaseUrl = new ConcurrentHashMap<>();

    PatchSupport(ObjectMapper json) {
        this(json, true);
    }

    private PatchSupport(ObjectMapper json, boolean enabled) {
        this.json = json;
        this.enabled = enabled;
    }

    /** Never PATCH, whatever the EHR offers. */
    static PatchSupport never() {
        return new PatchSupport(null, false);
    }

    /**
     * @param readCapabilities reads {@code <base>/metadata}; a response that is not a readable CapabilityStatement
     *     means no PATCH (and is kept), a failure to get one at all propagates (and is not kept)
     */
    boolean supportsJsonPatch(
            String baseUrl, String resourceType, Function<String, RawExchange.Response> readCapabilities) {
        if (!enabled) {
            return false;
        }
        Set<String> patchable =
                patchableByBaseUrl.computeIfAbsent(baseUrl, base -> parse(readCapabilities.apply(base)));
        return patchable.contains(resourceType);
    }

    void markUnsupported(String baseUrl, String resourceType) {
        patchableByBaseUrl.computeIfPresent(baseUrl, (base, types) -> {
            Set<String> fewer = new HashSet<>(types);
            fewer.remove(resourceType);
            return Set.copyOf(fewer);
        });
    }

    private Set<String> parse(RawExchange.Response response) {
        if (!response.isSuccess()) {
            return Set.of();
        }
        JsonNode statement;
        try {
            statement = json.readTree(response.body());
        } catch (IOException e) {
            return Set.of();
        }
        if (statement == null
                || !"CapabilityStatement".equals(statement.path("resourceType").asText())) {
            return Set.of();
        }
        JsonNode formats = statement.path("patchFormat");
        if (formats.isArray() && !formats.isEmpty() && !contains(formats, JSON_PATCH)) {
            return Set.of();
        }
        Set<String> types = new HashSet<>();
        for (JsonNode rest : statement.path("rest")) {
            if (!"server".equals(rest.path("mode").asText())) {
                continue;
            }
            for (JsonNode resource : rest.path("resource")) {
                for (JsonNode interaction : resource.path("interaction")) {
                    if ("patch".equals(interaction.path("code").asText())) {
                        types.add(resource.path("type").asText());
                    }
                }
            }
        }
        return Set.copyOf(types);
    }

    private static boolean contains(JsonNode formats, String format) {
        for (JsonNode candidate : formats) {
            if (candidate.asText().startsWith(format)) {
                return true;
            }
        }
        return false;
    }
}
