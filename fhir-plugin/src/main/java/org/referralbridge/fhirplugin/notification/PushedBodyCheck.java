package org.referralbridge.fhirplugin.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The cheap check a rest-hook body gets on the request path, before it is stored for a worker: well-formed JSON, one
 * object without duplicate keys, {@code resourceType} equal to the URL's type and {@code id} (when present) equal to
 * the URL's id. It streams
 * the tokens once with Jackson and builds no tree and no HAPI model, so it costs a fraction of a FHIR parse.
 * Thread-safe.
 */
public final class PushedBodyCheck {

    private static final Pattern RESOURCE_TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    private final JsonFactory jsonFactory;

    public PushedBodyCheck() {
        this.jsonFactory = JsonFailures.strictFactory();
    }

    /**
     * @param resourceType the type from the URL ({@code PUT {endpoint}/{type}/{id}})
     * @param id the id from the URL, or null when the URL names none (a notification Bundle): any id is accepted
     * @throws PushedBodyRejected when the body is not a well-formed FHIR JSON resource of that type and id
     */
    public void check(String resourceType, String id, byte[] body) {
        check(resourceType, id, body, 0, body.length);
    }

    /** Like {@link #check(String, String, byte[])} for {@code length} bytes of {@code body} from {@code offset}. */
    public void check(String resourceType, String id, byte[] body, int offset, int length) {
        if (length == 0) {
            throw new PushedBodyRejected(BodyProblem.EMPTY, "body is empty");
        }
        JsonFailures.requireUtf8Start(body, offset, length);
        try (JsonParser parser = jsonFactory.createParser(body, offset, length)) {
            try {
                checkResource(parser, resourceType, id);
            } catch (JsonProcessingException malformed) {
                throw JsonFailures.rejected(malformed, parser);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading a byte array failed", impossible);
        }
    }

    private static void checkResource(JsonParser parser, String resourceType, String id) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new PushedBodyRejected(
                    BodyProblem.NOT_AN_OBJECT, "body is " + describe(first) + ", expected a JSON object");
        }
        Field type = Field.ABSENT;
        Field ownId = Field.ABSENT;
        String foundType = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName(); // field names are canonicalized: no allocation per body
            JsonToken value = parser.nextToken();
            if ("resourceType".equals(name)) {
                type = compare(parser, value, resourceType);
                foundType = type == Field.DIFFERENT ? parser.getText() : null;
            } else if ("id".equals(name) && id != null) {
                ownId = compare(parser, value, id);
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new PushedBodyRejected(
                    BodyProblem.MALFORMED_JSON,
                    "body is not valid JSON: more content follows the object" + at(parser.currentLocation()));
        }
        if (type == Field.ABSENT || type == Field.NOT_A_STRING) {
            throw new PushedBodyRejected(
                    BodyProblem.NOT_A_RESOURCE, "body has no resourceType string: not a FHIR resource");
        }
        if (type == Field.DIFFERENT) {
            String found = RESOURCE_TYPE_NAME.matcher(foundType).matches() ? foundType : "not a resource type name";
            throw new PushedBodyRejected(
                    BodyProblem.WRONG_RESOURCE_TYPE, "resourceType is " + found + ", expected " + resourceType);
        }
        if (ownId == Field.DIFFERENT || ownId == Field.NOT_A_STRING) {
            throw new PushedBodyRejected(
                    BodyProblem.WRONG_ID, "id in the body differs from the id in the URL " + resourceType + "/" + id);
        }
    }

    private enum Field {
        ABSENT,
        NOT_A_STRING,
        SAME,
        DIFFERENT
    }

    /** Compares a string value with the expected one on the parser's own buffer, without making a String. */
    private static Field compare(JsonParser parser, JsonToken value, String expected) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return Field.NOT_A_STRING;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length != expected.length()) {
            return Field.DIFFERENT;
        }
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return Field.DIFFERENT;
            }
        }
        return Field.SAME;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "only whitespace";
        }
        return switch (token) {
            case START_ARRAY -> "a JSON array";
            case VALUE_STRING -> "a JSON string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
            case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
            case VALUE_NULL -> "JSON null";
            default -> "not a JSON object";
        };
    }

    private static String at(JsonLocation location) {
        return JsonFailures.at(location);
    }
}
