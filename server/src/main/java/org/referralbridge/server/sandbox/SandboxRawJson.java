package org.referralbridge.server.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Meta;

/**
 * Keeps each resource as its writer sent it, as a real EHR's storage does: HAPI's model, which the in-memory
 * providers store, drops elements it does not know, strips versions from references and re-encodes the narrative.
 * The JSON a client sent travels with the stored model (as user data), is what a read returns (with the id and meta
 * the sandbox assigned), and is what the journal keeps. Searches and notifications still use the model.
 */
@Interceptor
class SandboxRawJson {

    private static final String USER_DATA = SandboxRawJson.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Attaches the JSON body of a create or update to the resource parsed from it; XML bodies keep the model only. */
    static void attach(IBaseResource resource, RequestDetails request) {
        if (request == null) {
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("xml")) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        attach(resource, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Attaches {@code json} if it is this resource's type in FHIR JSON (as the journal replays it). Subscriptions keep
     * the model only: the sandbox changes them itself (it activates them and marks them failed, as a FHIR server
     * does), and a read must show that status, not the one their writer sent.
     */
    static void attach(IBaseResource resource, String json) {
        if (resource instanceof org.hl7.fhir.r4.model.Subscription) {
            return;
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree instanceof ObjectNode object
                    && resource.fhirType().equals(object.path("resourceType").asText())) {
                resource.setUserData(USER_DATA, object);
            }
        } catch (JsonProcessingException e) {
            // the model alone, as HAPI parsed it
        }
    }

    /** The resource as its writer sent it with the id and meta the sandbox gave it; null when only the model is known. */
    static String json(IBaseResource resource) {
        if (!(resource.getUserData(USER_DATA) instanceof ObjectNode raw)) {
            return null;
        }
        ObjectNode merged = JSON.createObjectNode();
        merged.put("resourceType", resource.fhirType());
        merged.put("id", resource.getIdElement().getIdPart());
        ObjectNode meta = raw.get("meta") instanceof ObjectNode rawMeta ? rawMeta.deepCopy() : JSON.createObjectNode();
        if (resource.getMeta().getVersionId() != null) {
            meta.put("versionId", resource.getMeta().getVersionId());
        }
        if (resource.getMeta() instanceof Meta stored && stored.hasLastUpdated()) {
            meta.put("lastUpdated", stored.getLastUpdatedElement().getValueAsString());
        }
        merged.set("meta", meta);
        raw.properties().forEach(member -> {
            if (!merged.has(member.getKey())) {
                merged.set(member.getKey(), member.getValue());
            }
        });
        try {
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    /** Answers a read with the JSON as written, where there is one and JSON is what the client asked for. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean respondAsWritten(
            RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation != RestOperationTypeEnum.READ && operation != RestOperationTypeEnum.VREAD) {
            return true;
        }
        IBaseResource resource = response.getResponseResource();
        if (resource == null || wantsXml(request)) {
            return true;
        }
        String json = json(resource);
        if (json == null) {
            return true;
        }
        write(servletResponse, resource, json);
        return false;
    }

    private static boolean wantsXml(RequestDetails request) {
        String[] format = request.getParameters().get("_format");
        if (format != null && format.length > 0) {
            return format[0].contains("xml");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("xml") && !accept.contains("json");
    }

    private static void write(HttpServletResponse servletResponse, IBaseResource resource, String json) {
        servletResponse.setStatus(200);
        servletResponse.setContentType("application/fhir+json;charset=utf-8");
        String version = resource.getIdElement().getVersionIdPart();
        if (version == null) {
            version = resource.getMeta().getVersionId();
        }
        if (version != null) {
            servletResponse.setHeader("ETag", "W/\"" + version + "\"");
        }
        if (resource.getMeta().getLastUpdated() != null) {
            servletResponse.setHeader(
                    "Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME
                            .withLocale(Locale.ENGLISH)
                            .format(resource.getMeta()
                                    .getLastUpdated()
                                    .toInstant()
                                    .atZone(ZoneOffset.UTC)));
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        servletResponse.setContentLength(body.length);
        try {
            servletResponse.getOutputStream().write(body);
            servletResponse.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer a sandbox read", e);
        }
    }
}
