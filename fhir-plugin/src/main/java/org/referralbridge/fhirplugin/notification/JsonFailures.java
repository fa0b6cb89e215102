package org.referralbridge.fhirplugin.notification;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What the request-path checks share: a strict JSON factory and messages that say where, never what, was wrong. */
final class JsonFailures {

    /** Names a key in a message only when it looks like a FHIR element name, so no body content is quoted. */
    private static final Pattern ELEMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-\\[\\]]{0,63}");

    private JsonFailures() {}

    /** Duplicate keys are refused: two {@code resourceType}s or {@code id}s would let one pass the check. */
    static JsonFactory strictFactory() {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    static PushedBodyRejected rejected(JsonProcessingException failure, JsonParser parser) {
        if (failure instanceof JsonEOFException) {
            return new PushedBodyRejected(
                    BodyProblem.MALFORMED_JSON, "body is not valid JSON: it ends early" + at(failure.getLocation()));
        }
        String message = failure.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return new PushedBodyRejected(
                    BodyProblem.DUPLICATE_KEY,
                    "body has the key " + keyName(parser.getParsingContext().getCurrentName()) + " twice in one object"
                            + at(failure.getLocation()));
        }
        if (message != null && message.startsWith("Invalid UTF-8")) {
            return notUtf8();
        }
        if (failure instanceof StreamConstraintsException) {
            return new PushedBodyRejected(BodyProblem.MALFORMED_JSON, "body is not valid JSON here: " + limit(message));
        }
        return new PushedBodyRejected(BodyProblem.MALFORMED_JSON, "body is not valid JSON" + at(failure.getLocation()));
    }

    /** Which of Jackson's read limits a body broke, in words, with the limit (Jackson's message quotes none of the body). */
    private static String limit(String message) {
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        if (message != null && message.startsWith("Document nesting depth")) {
            return "it is nested deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        if (message != null && message.startsWith("Number value length")) {
            return "it has a number longer than " + limits.getMaxNumberLength() + " digits";
        }
        if (message != null && message.startsWith("String value length")) {
            return "it has a string longer than " + limits.getMaxStringLength() + " characters";
        }
        return "it is larger than a JSON reading limit";
    }

    /**
     * Refuses a body in another encoding than UTF-8 by its first bytes, as Jackson would otherwise detect and accept
     * it: a byte order mark, or a NUL among the first four bytes (UTF-16, UTF-32). Costs four byte reads.
     */
    static void requireUtf8Start(byte[] body, int offset, int length) {
        if (length > 0 && (body[offset] & 0xFF) >= 0x80) {
            throw notUtf8();
        }
        for (int i = offset; i < offset + Math.min(4, length); i++) {
            if (body[i] == 0) {
                throw notUtf8();
            }
        }
    }

    static String keyName(String name) {
        return name != null && ELEMENT_NAME.matcher(name).matches() ? name : "(a key that is no element name)";
    }

    /** FHIR JSON is UTF-8 (RFC 8259 too); a decoder run over a small buffer, so nothing the size of the body. */
    static void requireUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(4096);
        try {
            while (true) {
                CoderResult result = decoder.decode(in, out, true);
                if (result.isError()) {
                    result.throwException();
                }
                out.clear();
                if (result.isUnderflow()) {
                    break;
                }
            }
            while (decoder.flush(out).isOverflow()) {
                out.clear();
            }
        } catch (CharacterCodingException malformed) {
            throw notUtf8();
        }
    }

    static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static PushedBodyRejected notUtf8() {
        return new PushedBodyRejected(BodyProblem.NOT_UTF8, "body is not valid UTF-8 (FHIR JSON must be UTF-8)");
    }
}
