package org.referralbridge.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/**
 * The harness's own FHIR traffic to the EHR, as raw JSON over HTTP (no HAPI client, so nothing of the harness's
 * cost is hidden in a model): Patients like a front desk makes them, transaction bundles, the JSON Patch the
 * service's write-back sends, and reads of what was written.
 */
public final class EhrLoad {

    static final String FHIR_JSON = "application/fhir+json";
    static final String IDENTIFIER_SYSTEM = "https://bench.referralbridge.org/patient";
    static final String FOREIGN_EXTENSION = "http://ehr.example.org/fhir/StructureDefinition/preferred-pharmacy";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    public EhrLoad(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * A Patient with a name, a narrative and another vendor's extension, as the service's tests make them; with a
     * {@code referral-source} extension carrying the code (channel friend-family) unless the code is null. That
     * extension is the Patient's second one, where the write-back's JSON Patch replaces it.
     */
    public static ObjectNode patient(String identifier, String code) {
        ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient");
        patient.putArray("identifier")
                .addObject()
                .put("system", IDENTIFIER_SYSTEM)
                .put("value", identifier);
        patient.putObject("text")
                .put("status", "generated")
                .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">Test Bench " + identifier + "</div>");
        ArrayNode extensions = patient.putArray("extension");
        extensions.addObject().put("url", FOREIGN_EXTENSION).put("valueString", "Main Street Pharmacy");
        if (code != null) {
            extensions.add(referralSource(code, null));
        }
        patient.put("active", true);
        patient.putArray("name")
                .addObject()
                .put("family", "Bench" + identifier)
                .putArray("given")
                .add("Test");
        patient.put("gender", "unknown");
        return patient;
    }

    /** Our {@code referral-source} extension: channel, code and, once written back, the referrer. */
    static ObjectNode referralSource(String code, String referrerReference) {
        ObjectNode source = JSON.createObjectNode().put("url", ReferralSource.URL);
        ArrayNode parts = source.putArray("extension");
        parts.addObject()
                .put("url", ReferralSource.CHANNEL)
                .putObject("valueCoding")
                .put("system", Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM)
                .put("code", "friend-family")
                .put("display", "Friend or family member");
        parts.addObject().put("url", ReferralSource.CODE).put("valueString", code);
        if (referrerReference != null) {
            parts.addObject()
                    .put("url", ReferralSource.REFERRER)
                    .putObject("valueReference")
                    .put("reference", referrerReference);
        }
        return source;
    }

    /** The tag system of the service's write-back Provenances (server's {@code ProvenanceRecords}). */
    static final String WRITE_TAG_SYSTEM = Canonicals.BASE + "/CodeSystem/write-back";

    /**
     * The JSON Patch the service's write-back sends for such a Patient (fhir-plugin's {@code JsonResources.patch}:
     * test the extension's URL at its position, replace it with the extension naming the referrer).
     */
    public static String writeBackPatch(String code, String referrerReference) {
        ArrayNode operations = JSON.createArrayNode();
        operations.addObject().put("op", "test").put("path", "/extension/1/url").put("value", ReferralSource.URL);
        operations
                .addObject()
                .put("op", "replace")
                .put("path", "/extension/1")
                .set("value", referralSource(code, referrerReference));
        return operations.toString();
    }

    /** Creates one resource; returns its id. */
    public String create(String type, JsonNode resource) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + type))
                .header("Content-Type", FHIR_JSON)
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(resource.toString())));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create " + type + " answered " + response.statusCode());
        }
        return idOfLocation(response.headers().firstValue("Location").orElseThrow());
    }

    /** Creates the resources in one transaction Bundle; returns their ids in order. */
    public List<String> transaction(String type, List<? extends JsonNode> resources)
            throws IOException, InterruptedException {
        ObjectNode bundle =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources) {
            ObjectNode entry = entries.addObject();
            entry.set("resource", resource);
            entry.putObject("request").put("method", "POST").put("url", type);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", FHIR_JSON)
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(bundle.toString())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("transaction answered " + response.statusCode());
        }
        List<String> ids = new ArrayList<>(resources.size());
        for (JsonNode entry : JSON.readTree(response.body()).path("entry")) {
            ids.add(idOfLocation(entry.path("response").path("location").asText()));
        }
        return ids;
    }

    /** Creates the resources in transaction Bundles of {@code batch}; returns their ids in order. */
    public List<String> createAll(String type, List<? extends JsonNode> resources, int batch)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(resources.size());
        for (int from = 0; from < resources.size(); from += batch) {
            ids.addAll(transaction(type, resources.subList(from, Math.min(resources.size(), from + batch))));
        }
        return ids;
    }

    /** A JSON Patch with {@code If-Match: W/"<version>"}; returns the status. */
    public int patch(String type, String id, String version, String jsonPatch)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + type + "/" + id))
                        .header("Content-Type", "application/json-patch+json")
                        .header("If-Match", "W/\"" + version + "\"")
                        .header("Prefer", "return=minimal")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonPatch)))
                .statusCode();
    }

    /**
     * The Provenance the service records after a write-back (server's {@code ProvenanceRecords}: tagged with the
     * write's id, naming the version written, the rule, the activity and the service as author).
     */
    public static ObjectNode writeBackProvenance(String target, String tag) {
        ObjectNode provenance = JSON.createObjectNode().put("resourceType", "Provenance");
        provenance
                .putObject("meta")
                .putArray("tag")
                .addObject()
                .put("system", WRITE_TAG_SYSTEM)
                .put("code", tag)
                .put("display", "Referral Bridge write-back");
        provenance.putArray("target").addObject().put("reference", target);
        provenance.put("recorded", Instant.now().toString());
        provenance.putArray("policy").add(Canonicals.BASE + "/rule/referrer-reference");
        provenance
                .putObject("activity")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/v3-DataOperation")
                .put("code", "UPDATE")
                .put("display", "revise");
        ObjectNode agent = provenance.putArray("agent").addObject();
        agent.putObject("type")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/provenance-participant-type")
                .put("code", "author")
                .put("display", "Author");
        ObjectNode who = agent.putObject("who").put("type", "Device").put("display", "Referral Bridge");
        who.putObject("identifier")
                .put("system", Canonicals.SERVICE_IDENTIFIER_SYSTEM)
                .put("value", "referral-bridge");
        return provenance;
    }

    /** The service's Provenance create: conditional on its write tag ({@code If-None-Exist}); returns the status. */
    public int createProvenance(String target, String tag) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/Provenance"))
                        .header("Content-Type", FHIR_JSON)
                        .header("If-None-Exist", "_tag=" + WRITE_TAG_SYSTEM + "|" + tag)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                writeBackProvenance(target, tag).toString())))
                .statusCode();
    }

    public JsonNode read(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("read answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Deletes the service's Subscriptions (tagged as ours), so the EHR notifies nobody. */
    public int deleteServiceSubscriptions() throws IOException, InterruptedException {
        String tag = URLEncoder.encode(Canonicals.SERVICE_IDENTIFIER_SYSTEM + "|subscription", StandardCharsets.UTF_8);
        int deleted = 0;
        for (JsonNode entry : read("Subscription?_count=100&_tag=" + tag).path("entry")) {
            String id = entry.path("resource").path("id").asText();
            int status = send(HttpRequest.newBuilder(URI.create(baseUrl + "/Subscription/" + id))
                            .DELETE())
                    .statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("delete Subscription answered " + status);
            }
            deleted++;
        }
        return deleted;
    }

    /**
     * When the EHR stored version 2 of each Patient (its {@code meta.lastUpdated}: the write-back's version), read
     * with a few threads; a Patient without a version 2 is left out.
     */
    public Map<String, Instant> versionTwoStored(List<String> ids, int threads) throws Exception {
        Map<String, Instant> stored = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(pool.submit(() -> {
                    HttpResponse<String> response =
                            send(HttpRequest.newBuilder(URI.create(baseUrl + "/Patient/" + id + "/_history/2")));
                    if (response.statusCode() != 200) {
                        return null;
                    }
                    JsonNode meta = JSON.readTree(response.body()).path("meta");
                    stored.put(id, Instant.parse(meta.path("lastUpdated").asText()));
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return stored;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(
                request.timeout(Duration.ofSeconds(60))
                        .header("Accept", FHIR_JSON)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code .../Patient/123/_history/1} or {@code Patient/123/_history/1} to {@code 123}. */
    static String idOfLocation(String location) {
        List<String> parts = List.of(location.split("/"));
        int history = parts.indexOf("_history");
        if (history < 1) {
            throw new IllegalStateException("not a versioned resource location: " + location);
        }
        return parts.get(history - 1);
    }
}
