package org.referralbridge.fhirplugin.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Set;

/**
 * The part of {@link PushedBundleCheck} that copies a SubscriptionStatus {@code Parameters}: only the parameters and
 * parts the worker reads, each with its name, a primitive value, a reference's {@code reference} (never its display)
 * or a CodeableConcept's codes.
 */
final class StatusParameters {

    /** SubscriptionStatus parameters and parts the worker reads (Subscriptions R5 Backport IG); others are dropped. */
    private static final Set<String> STATUS_PARAMETERS = Set.of(
            "subscription",
            "topic",
            "status",
            "type",
            "events-since-subscription-start",
            "notification-event",
            "event-number",
            "timestamp",
            "focus",
            "additional-context",
            "error");

    private static final JsonFactory PARAMETER_COPIES = new JsonFactory();

    private StatusParameters() {}

    /** @return whether the resource was a Parameters */
    static boolean copy(JsonParser in, JsonGenerator out) throws IOException {
        boolean parameters = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if ("resourceType".equals(name)) {
                parameters = value == JsonToken.VALUE_STRING && "Parameters".equals(in.getText());
                in.skipChildren();
            } else if ("parameter".equals(name) && value == JsonToken.START_ARRAY) {
                out.writeArrayFieldStart("parameter");
                parameterList(in, out);
                out.writeEndArray();
            } else {
                in.skipChildren();
            }
        }
        out.writeStringField("resourceType", "Parameters");
        return parameters;
    }

    /** Copies the parameters (or parts) the worker reads; the parser is on the list's START_ARRAY. */
    private static void parameterList(JsonParser in, JsonGenerator out) throws IOException {
        JsonToken token;
        while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
                parameter(in, out);
            } else {
                in.skipChildren();
            }
        }
    }

    /**
     * One parameter: its name, a primitive value, a reference (only {@code reference}, no display), the codes of a
     * CodeableConcept, its parts. Written whole or not at all, as its name may come after its value.
     */
    private static void parameter(JsonParser in, JsonGenerator out) throws IOException {
        StringWriter buffer = new StringWriter(128);
        String parameterName = null;
        try (JsonGenerator copy = PARAMETER_COPIES.createGenerator(buffer)) {
            copy.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if ("name".equals(name) && value == JsonToken.VALUE_STRING) {
                    parameterName = in.getText();
                    copy.writeStringField("name", parameterName);
                } else if ("valueReference".equals(name) && value == JsonToken.START_OBJECT) {
                    copy.writeObjectFieldStart(name);
                    onlyFields(in, copy, Set.of("reference"));
                    copy.writeEndObject();
                } else if ("valueCodeableConcept".equals(name) && value == JsonToken.START_OBJECT) {
                    copy.writeObjectFieldStart(name);
                    codings(in, copy);
                    copy.writeEndObject();
                } else if (name.startsWith("value") && value.isScalarValue()) {
                    copy.writeFieldName(name);
                    copy.copyCurrentEvent(in);
                } else if ("part".equals(name) && value == JsonToken.START_ARRAY) {
                    copy.writeArrayFieldStart("part");
                    parameterList(in, copy);
                    copy.writeEndArray();
                } else {
                    in.skipChildren();
                }
            }
            copy.writeEndObject();
        }
        if (parameterName != null && STATUS_PARAMETERS.contains(parameterName)) {
            out.writeRawValue(buffer.toString());
        }
    }

    /** Copies the string fields named, drops the rest; the parser is on the object's START_OBJECT. */
    static void onlyFields(JsonParser in, JsonGenerator out, Set<String> kept) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if (kept.contains(name) && value == JsonToken.VALUE_STRING) {
                out.writeStringField(name, in.getText());
            } else {
                in.skipChildren();
            }
        }
    }

    /** Keeps {@code coding[].system} and {@code coding[].code} of a CodeableConcept (the error codes). */
    private static void codings(JsonParser in, JsonGenerator out) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if ("coding".equals(name) && value == JsonToken.START_ARRAY) {
                out.writeArrayFieldStart("coding");
                JsonToken token;
                while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == JsonToken.START_OBJECT) {
                        out.writeStartObject();
                        onlyFields(in, out, Set.of("system", "code"));
                        out.writeEndObject();
                    } else {
                        in.skipChildren();
                    }
                }
                out.writeEndArray();
            } else {
                in.skipChildren();
            }
        }
    }
}
