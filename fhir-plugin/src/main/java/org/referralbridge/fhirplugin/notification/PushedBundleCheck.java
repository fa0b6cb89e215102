package org.referralbridge.fhirplugin.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The request-path check of a pushed topic-based notification Bundle, and what of it is kept for the worker. One
 * streaming Jackson pass (no tree, no HAPI model) refuses what {@link NotificationBundleParser} would refuse later as a
 * dead letter: a body that is not UTF-8 JSON, duplicate keys, another resource than a Bundle, a Bundle type other than
 * {@code history} (R4) or {@code subscription-notification} (R4B/R5), an {@code entry} that is not an array of
 * objects, a first entry that is not a SubscriptionStatus {@code Parameters}, an entry resource without a known type.
 *
 * <p>It writes at the same time the notification reduced to what the worker needs: the SubscriptionStatus parameters
 * (subscription, topic, status, type, event counter, errors and each event's number, timestamp, focus and context
 * references, without any display text), and of every other entry only its fullUrl and its resource's type, id and
 * version. A full-resource notification so never stores the resources it carried (they may hold PHI): the worker
 * reads the current resource from the EHR anyway. The reduced Bundle is a {@code history} Bundle the parser reads as
 * it reads the original. Thread-safe.
 */
public final class PushedBundleCheck {

    private static final Set<String> BUNDLE_TYPES = Set.of("history", "subscription-notification");
    /** Named in a refusal; any other text is not quoted. */
    private static final Set<String> R4_BUNDLE_TYPES = Set.of(
            "document",
            "message",
            "transaction",
            "transaction-response",
            "batch",
            "batch-response",
            "searchset",
            "collection");

    /** More entries than a notification carries in practice (one per event, HAPI sends one event each). */
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final JsonFactory jsonFactory = JsonFailures.strictFactory();
    private final Predicate<String> knownResourceType;
    private final int maxEntries;

    /** @param knownResourceType whether a resource type name is one the worker's FHIR parser knows */
    public PushedBundleCheck(Predicate<String> knownResourceType) {
        this(knownResourceType, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxEntries a notification with more entries is refused: each would cost the worker a read from the EHR,
     *     so a small request could otherwise order thousands of them
     */
    public PushedBundleCheck(Predicate<String> knownResourceType, int maxEntries) {
        this.knownResourceType = knownResourceType;
        this.maxEntries = maxEntries;
    }

    /**
     * @return the notification reduced to what the worker needs, as FHIR JSON
     * @throws PushedBodyRejected naming what the worker would refuse, never quoting the body
     */
    public String reduce(byte[] body) {
        if (body.length == 0) {
            throw new PushedBodyRejected(BodyProblem.EMPTY, "body is empty");
        }
        JsonFailures.requireUtf8(body);
        StringWriter reduced = new StringWriter(512);
        try (JsonParser parser = jsonFactory.createParser(body);
                JsonGenerator out = jsonFactory.createGenerator(reduced)) {
            try {
                bundle(parser, out);
            } catch (JsonProcessingException malformed) {
                throw JsonFailures.rejected(malformed, parser);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading a byte array failed", impossible);
        }
        return reduced.toString();
    }

    private void bundle(JsonParser in, JsonGenerator out) throws IOException {
        JsonToken first = in.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new PushedBodyRejected(BodyProblem.NOT_AN_OBJECT, "body is not a JSON object");
        }
        out.writeStartObject();
        out.writeStringField("resourceType", "Bundle");
        out.writeStringField("type", "history");
        boolean isBundle = false;
        boolean typed = false;
        int entries = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            switch (name) {
                case "resourceType" -> isBundle = requireBundle(in, value);
                case "type" -> typed = requireNotificationType(in, value);
                case "entry" -> entries = entries(in, value, out);
                default -> in.skipChildren();
            }
        }
        if (in.nextToken() != null) {
            throw new PushedBodyRejected(
                    BodyProblem.MALFORMED_JSON,
                    "body is not valid JSON: more content follows the object" + JsonFailures.at(in.currentLocation()));
        }
        if (!isBundle) {
            throw new PushedBodyRejected(
                    BodyProblem.NOT_A_RESOURCE, "body has no resourceType string: not a FHIR resource");
        }
        if (!typed) {
            throw new PushedBodyRejected(
                    BodyProblem.WRONG_BUNDLE_TYPE,
                    "Bundle.type is missing, expected history or subscription-notification");
        }
        if (entries == 0) {
            throw new PushedBodyRejected(
                    BodyProblem.NO_SUBSCRIPTION_STATUS,
                    "Bundle has no entry: a notification's first entry is its SubscriptionStatus Parameters");
        }
        out.writeEndObject();
    }

    private static boolean requireBundle(JsonParser in, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new PushedBodyRejected(
                    BodyProblem.NOT_A_RESOURCE, "body has no resourceType string: not a FHIR resource");
        }
        if (!"Bundle".equals(in.getText())) {
            throw new PushedBodyRejected(
                    BodyProblem.WRONG_RESOURCE_TYPE, "resourceType is not Bundle: a notification is a Bundle");
        }
        return true;
    }

    private static boolean requireNotificationType(JsonParser in, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING || !BUNDLE_TYPES.contains(in.getText())) {
            String found = value == JsonToken.VALUE_STRING && R4_BUNDLE_TYPES.contains(in.getText())
                    ? in.getText()
                    : "not a Bundle type code";
            throw new PushedBodyRejected(
                    BodyProblem.WRONG_BUNDLE_TYPE,
                    "Bundle.type is " + found + ", expected history or subscription-notification");
        }
        return true;
    }

    /** @return how many entries there were */
    private int entries(JsonParser in, JsonToken value, JsonGenerator out) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            in.skipChildren();
            throw new PushedBodyRejected(BodyProblem.MALFORMED_ENTRY, "Bundle.entry is not an array of objects");
        }
        out.writeArrayFieldStart("entry");
        int index = 0;
        JsonToken token;
        while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new PushedBodyRejected(
                        BodyProblem.MALFORMED_ENTRY, "Bundle.entry[" + index + "] is not a JSON object");
            }
            if (index == maxEntries) {
                throw new PushedBodyRejected(
                        BodyProblem.TOO_MANY_ENTRIES,
                        "Bundle has more than " + maxEntries + " entries, more than one notification may carry");
            }
            out.writeStartObject();
            if (index == 0) {
                statusEntry(in, out);
            } else {
                includedEntry(in, out, index);
            }
            out.writeEndObject();
            index++;
        }
        out.writeEndArray();
        return index;
    }

    private static void statusEntry(JsonParser in, JsonGenerator out) throws IOException {
        boolean found = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if ("resource".equals(name) && value == JsonToken.START_OBJECT) {
                out.writeObjectFieldStart("resource");
                found = StatusParameters.copy(in, out);
                out.writeEndObject();
            } else {
                in.skipChildren();
            }
        }
        if (!found) {
            throw new PushedBodyRejected(
                    BodyProblem.NO_SUBSCRIPTION_STATUS,
                    "first entry of the notification Bundle is not a SubscriptionStatus Parameters");
        }
    }

    /** An entry after the status: its fullUrl and its resource's type, id and version, nothing of its content. */
    private void includedEntry(JsonParser in, JsonGenerator out, int index) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if ("fullUrl".equals(name) && value == JsonToken.VALUE_STRING) {
                out.writeStringField("fullUrl", in.getText());
            } else if ("resource".equals(name)) {
                if (value != JsonToken.START_OBJECT) {
                    in.skipChildren();
                    throw new PushedBodyRejected(
                            BodyProblem.MALFORMED_ENTRY, "Bundle.entry[" + index + "].resource is not a JSON object");
                }
                out.writeObjectFieldStart("resource");
                resourceIdentity(in, out, index);
                out.writeEndObject();
            } else {
                in.skipChildren();
            }
        }
    }

    private void resourceIdentity(JsonParser in, JsonGenerator out, int index) throws IOException {
        boolean typed = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if ("resourceType".equals(name) && value == JsonToken.VALUE_STRING) {
                if (!knownResourceType.test(in.getText())) {
                    throw new PushedBodyRejected(
                            BodyProblem.MALFORMED_ENTRY,
                            "Bundle.entry[" + index + "].resource has a resourceType that is no FHIR R4 type");
                }
                out.writeStringField("resourceType", in.getText());
                typed = true;
            } else if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                if (!FHIR_ID.matcher(in.getText()).matches()) {
                    throw new PushedBodyRejected(
                            BodyProblem.MALFORMED_ENTRY, "Bundle.entry[" + index + "].resource.id is not a FHIR id");
                }
                out.writeStringField("id", in.getText());
            } else if ("meta".equals(name) && value == JsonToken.START_OBJECT) {
                out.writeObjectFieldStart("meta");
                StatusParameters.onlyFields(in, out, Set.of("versionId"));
                out.writeEndObject();
            } else {
                in.skipChildren();
            }
        }
        if (!typed) {
            throw new PushedBodyRejected(
                    BodyProblem.MALFORMED_ENTRY, "Bundle.entry[" + index + "].resource has no resourceType");
        }
    }
}
