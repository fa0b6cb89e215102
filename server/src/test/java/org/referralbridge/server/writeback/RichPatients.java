package org.referralbridge.server.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Patients in FHIR JSON carrying what a write-back must not damage: an element HAPI does not know, a versioned
 * reference, a contained resource, a narrative of their own and two extensions of other vendors.
 */
final class RichPatients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RichPatients() {}

    static ObjectNode json(String family) {
        return parse("""
                {
                  "resourceType": "Patient",
                  "text": {
                    "status": "additional",
                    "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>Seen by <b>Dr. Lee</b> &amp; team</p><br/></div>"
                  },
                  "contained": [ { "resourceType": "Organization", "id": "clinic", "name": "Northside Clinic" } ],
                  "extension": [
                    { "url": "https://vendor-a.example/fhir/StructureDefinition/preferred-pharmacy",
                      "valueString": "Main Street Pharmacy" },
                    { "url": "https://vendor-b.example/fhir/StructureDefinition/portal-account",
                      "extension": [ { "url": "status", "valueCode": "active" },
                                     { "url": "since", "valueDate": "2019-04-01" } ] }
                  ],
                  "name": [ { "family": "%s", "given": [ "Test" ] } ],
                  "gender": "unknown",
                  "birthDate": "1980-02-29",
                  "favouriteColour": "teal",
                  "generalPractitioner": [
                    { "reference": "https://other-ehr.example/fhir/Practitioner/7/_history/3" },
                    { "reference": "#clinic" }
                  ]
                }
                """.formatted(family));
    }

    /** Like {@link #json} with the referral code the patient gave at the front desk in our extension. */
    static ObjectNode referredWithCode(String family, String code) {
        ObjectNode patient = json(family);
        ((ArrayNode) patient.get("extension")).add(parse("""
                { "url": "https://referralbridge.org/fhir/StructureDefinition/referral-source",
                  "extension": [
                    { "url": "channel", "valueCoding": {
                        "system": "https://referralbridge.org/fhir/CodeSystem/referral-channel",
                        "code": "friend-family" } },
                    { "url": "code", "valueString": "%s" } ] }
                """.formatted(code)));
        return patient;
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource without meta and the extensions with {@code url}: what a write-back must leave as it was. */
    static JsonNode withoutMetaAndExtension(JsonNode resource, String url) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("meta");
        if (copy.get("extension") instanceof ArrayNode extensions) {
            for (int i = extensions.size() - 1; i >= 0; i--) {
                if (url.equals(extensions.get(i).path("url").asText())) {
                    extensions.remove(i);
                }
            }
        }
        return copy;
    }

    static List<JsonNode> extensions(JsonNode resource, String url) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode extension : resource.path("extension")) {
            if (url.equals(extension.path("url").asText())) {
                found.add(extension);
            }
        }
        return found;
    }

    /** The part of a complex extension with this URL, or a missing node. */
    static JsonNode part(JsonNode extension, String url) {
        for (JsonNode part : extension.path("extension")) {
            if (url.equals(part.path("url").asText())) {
                return part;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
