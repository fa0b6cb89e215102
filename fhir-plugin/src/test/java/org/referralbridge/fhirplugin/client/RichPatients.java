package org.referralbridge.fhirplugin.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Patient in FHIR JSON with everything a write-back must not damage: an element HAPI does not know, a versioned
 * reference, a contained resource, a narrative of its own and two extensions of other vendors.
 */
final class RichPatients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RichPatients() {}

    static ObjectNode json(String mrn) {
        String text = """
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
                  "identifier": [ { "system": "https://ehr.example/mrn", "value": "%s" } ],
                  "name": [ { "family": "Testperson", "given": [ "Alex" ] } ],
                  "gender": "unknown",
                  "birthDate": "1980-02-29",
                  "favouriteColour": "teal",
                  "generalPractitioner": [
                    { "reference": "https://other-ehr.example/fhir/Practitioner/7/_history/3" },
                    { "reference": "#clinic" }
                  ]
                }
                """.formatted(mrn);
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource without meta and without the extensions with {@code url}: what a write-back must not change. */
    static JsonNode withoutMetaAndExtension(JsonNode resource, String url) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("meta");
        JsonNode extensions = copy.get("extension");
        if (extensions instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (url.equals(array.get(i).path("url").asText())) {
                    array.remove(i);
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
}
