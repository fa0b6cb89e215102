package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version-checked change of one top-level extension, done on the resource's JSON as the EHR sent it so nothing
 * else is parsed, re-encoded or lost: a JSON Patch where the EHR offers one, else a PUT of the tree as read with only
 * that extension replaced; {@code If-Match} on the version read either way, and no write at all without a version.
 */
final class ExtensionUpdate {

    private static final Logger log = LoggerFactory.getLogger(ExtensionUpdate.class);
    private static final String FHIR_JSON = "application/fhir+json";

    private final ObjectMapper json;
    private final RawExchange exchange;
    private final PatchSupport patchSupport;
    private final Supplier<IGenericClient> client;
    private final Supplier<String> baseUrl;
    private final int maxAttempts;

    ExtensionUpdate(
            ObjectMapper json,
            RawExchange exchange,
            PatchSupport patchSupport,
            Supplier<IGenericClient> client,
            Supplier<String> baseUrl,
            int maxAttempts) {
        this.json = json;
        this.exchange = exchange;
        this.patchSupport = patchSupport;
        this.client = client;
        this.baseUrl = baseUrl;
        this.maxAttempts = maxAttempts;
    }

    /** @param current the resource as a search just returned it, used for the first attempt; null to read it */
    WriteOutcome run(String resourceType, String id, String extensionUrl, ExtensionChange change, CurrentJson current) {
        String operation = "update " + resourceType + "/" + id;
        try {
            return attempt(resourceType, id, extensionUrl, change, operation, current);
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, operation);
        }
    }

    private WriteOutcome attempt(
            String resourceType,
            String id,
            String extensionUrl,
            ExtensionChange change,
            String operation,
            CurrentJson prefetched) {
        CurrentJson given = prefetched != null
                        && prefetched.versionId() != null
                        && prefetched.resourceType().equals(resourceType)
                        && prefetched.id().equals(id)
                ? prefetched
                : null;
        for (int attempt = 1; ; attempt++) {
            String base = baseUrl.get();
            String url = base + "/" + resourceType + "/" + id;
            ObjectNode resource;
            String versionRead;
            if (attempt == 1 && given != null && supportsPatch(base, resourceType)) {
                // a search returned it a moment ago; If-Match below still refuses the write if it changed since, and
                // the patch changes only our extension (a whole-resource PUT is only ever built from a read)
                resource = given.resource().deepCopy();
                versionRead = given.versionId();
            } else {
                RawExchange.Response read = exchange.get(client.get(), url);
                if (read.status() == 404 || read.status() == 410) {
                    return new WriteOutcome(WriteOutcome.Result.NOT_FOUND, resourceType, id, null);
                }
                if (!read.isSuccess()) {
                    throw rejected("read " + resourceType + "/" + id, read);
                }
                resource = resource(read, resourceType, "read " + resourceType + "/" + id);
                versionRead = versionOf(read, resource);
            }
            if (resource.has("extension") && !resource.get("extension").isArray()) {
                throw new EhrWriteRefused(operation, "its extension element is not a JSON array");
            }
            List<Integer> positions = JsonResources.extensionPositions(resource, extensionUrl);
            if (positions.size() > 1) {
                throw new EhrWriteRefused(
                        operation,
                        "it carries " + positions.size() + " extensions " + extensionUrl
                                + ", so which one to change is unclear");
            }
            Integer position = positions.isEmpty() ? null : positions.get(0);
            ObjectNode current = position == null
                    ? null
                    : resource.get("extension").get(position).deepCopy();
            Optional<ObjectNode> wanted = change.apply(current);
            if (wanted.isEmpty()) {
                return new WriteOutcome(WriteOutcome.Result.UNCHANGED, resourceType, id, versionRead);
            }
            if (versionRead == null) {
                throw new EhrWriteRefused(
                        operation,
                        "the EHR reports no version of it (neither meta.versionId nor an ETag), and a write without"
                                + " a version check could overwrite a concurrent change");
            }
            ObjectNode extension = JsonResources.withUrlFirst(wanted.get(), extensionUrl);
            boolean patch = supportsPatch(base, resourceType);
            RawExchange.Response written = patch
                    ? send(
                            RequestTypeEnum.PATCH,
                            url,
                            JsonResources.patch(resource, position, extension),
                            PatchSupport.JSON_PATCH,
                            versionRead)
                    : send(
                            RequestTypeEnum.PUT,
                            url,
                            JsonResources.withExtension(resource, position, extension),
                            FHIR_JSON,
                            versionRead);
            if (written.isSuccess()) {
                return new WriteOutcome(
                        WriteOutcome.Result.WRITTEN,
                        resourceType,
                        id,
                        versionWritten(written).orElse(null));
            }
            if (patch && (written.status() == 405 || written.status() == 415 || written.status() == 501)) {
                log.info(
                        "EHR refuses JSON Patch on {} (HTTP {}); writing it whole from now on",
                        resourceType,
                        written.status());
                patchSupport.markUnsupported(base, resourceType);
                attempt--;
                continue;
            }
            if (written.status() == 409 || written.status() == 412) {
                if (attempt >= maxAttempts) {
                    throw new EhrVersionConflict(operation, attempt, null);
                }
                log.debug("Version conflict on {} (attempt {} of {}), re-reading", operation, attempt, maxAttempts);
                continue;
            }
            throw rejected(operation, written);
        }
    }

    private boolean supportsPatch(String base, String resourceType) {
        return patchSupport.supportsJsonPatch(base, resourceType, b -> exchange.get(client.get(), b + "/metadata"));
    }

    /**
     * The current JSON of several resources of one type, with one search ({@code Type?_id=a,b,c}); resources the
     * search does not return (absent, or beyond its first page) are left out, to be read one by one. Empty without a
     * search where the EHR offers no JSON Patch on the type: a whole-resource write is built from a read only (a
     * search's representation may differ from a read's).
     */
    Map<String, CurrentJson> readAll(String resourceType, Collection<String> ids) {
        String operation = "search " + resourceType + " by _id";
        try {
            String base = baseUrl.get();
            if (!supportsPatch(base, resourceType)) {
                return Map.of();
            }
            String url = base + "/" + resourceType + "?_id="
                    + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8)
                    + "&_count=" + ids.size();
            RawExchange.Response found = exchange.get(client.get(), url);
            if (!found.isSuccess()) {
                throw rejected(operation, found);
            }
            JsonNode bundle;
            try {
                bundle = json.readTree(found.body());
            } catch (IOException e) {
                throw new EhrResponseMalformed(operation, "is not JSON", null);
            }
            if (bundle == null || !"Bundle".equals(bundle.path("resourceType").asText())) {
                throw new EhrResponseMalformed(operation, "is not a Bundle in FHIR JSON", null);
            }
            Map<String, CurrentJson> current = new HashMap<>();
            for (JsonNode entry : bundle.path("entry")) {
                if (entry.get("resource") instanceof ObjectNode resource
                        && resourceType.equals(resource.path("resourceType").asText())
                        && !"include".equals(entry.path("search").path("mode").asText())) {
                    String id = resource.path("id").asText(null);
                    if (id != null && ids.contains(id) && !current.containsKey(id)) {
                        current.put(
                                id,
                                new CurrentJson(
                                        resourceType,
                                        id,
                                        resource,
                                        JsonResources.metaVersionId(resource).orElse(null)));
                    }
                }
            }
            return current;
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, operation);
        }
    }

    private RawExchange.Response send(
            RequestTypeEnum method, String url, JsonNode body, String contentType, String version) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
        return exchange.send(client.get(), method, url, text, contentType, Map.of("If-Match", "W/\"" + version + "\""));
    }

    private ObjectNode resource(RawExchange.Response response, String resourceType, String operation) {
        JsonNode tree;
        try {
            tree = json.readTree(response.body());
        } catch (IOException e) {
            throw new EhrResponseMalformed(operation, "is not JSON", null);
        }
        if (!(tree instanceof ObjectNode object)
                || !resourceType.equals(object.path("resourceType").asText())) {
            throw new EhrResponseMalformed(operation, "is not a " + resourceType + " in FHIR JSON", null);
        }
        return object;
    }

    /** The ETag is what If-Match is compared with, so it wins over meta.versionId. */
    private static String versionOf(RawExchange.Response read, JsonNode resource) {
        return read.header("ETag")
                .flatMap(JsonResources::versionOfETag)
                .or(() -> JsonResources.metaVersionId(resource))
                .orElse(null);
    }

    private Optional<String> versionWritten(RawExchange.Response written) {
        Optional<String> version = written.header("ETag")
                .flatMap(JsonResources::versionOfETag)
                .or(() -> written.header("Content-Location").flatMap(JsonResources::versionOfLocation))
                .or(() -> written.header("Location").flatMap(JsonResources::versionOfLocation));
        if (version.isPresent() || written.body().length == 0) {
            return version;
        }
        try {
            return JsonResources.metaVersionId(json.readTree(written.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A 4xx the interceptors let through, with the OperationOutcome's issue codes but never its text. */
    private EhrRequestRejected rejected(String operation, RawExchange.Response response) {
        String codes = "";
        try {
            JsonNode outcome = json.readTree(response.body());
            if (outcome != null
                    && "OperationOutcome".equals(outcome.path("resourceType").asText())) {
                codes = StreamSupport.stream(outcome.path("issue").spliterator(), false)
                        .map(issue -> issue.path("severity").asText("unknown") + ":"
                                + issue.path("code").asText("unknown"))
                        .collect(Collectors.joining(", "));
            }
        } catch (IOException e) {
            // not an OperationOutcome: the status alone says it
        }
        return new EhrRequestRejected(operation, response.status(), codes, null);
    }
}
