package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What the sandbox EHR refuses before HAPI's parser sees a body (HAPI would take it, or spend on it): a body over
 * {@code referralbridge.sandbox.max-body-bytes} (413); XML with a DOCTYPE (400; FHIR XML has none, and a DTD is how
 * entity expansion and external entities get in); JSON that is not UTF-8, holds a key twice in one object (HAPI would
 * keep one silently), or breaks Jackson's read limits (nesting, number length). Each answer is an OperationOutcome in
 * JSON that names the rule, never quoting the body.
 */
class SandboxRequestCheck implements Filter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Pattern DOCTYPE = Pattern.compile("<!(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final FhirContext fhirContext;
    private final int maxBodyBytes;

    SandboxRequestCheck(FhirContext fhirContext, int maxBodyBytes) {
        this.fhirContext = fhirContext;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!WITH_BODY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        String refusal = refusal(request.getContentType(), body);
        if (refusal != null) {
            refuse(response, 400, OperationOutcome.IssueType.INVALID, refusal);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** Why the body is refused, or null when HAPI may parse it. */
    static String refusal(String contentType, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String start = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1).stripLeading();
        if (type.contains("xml") || start.startsWith("<")) {
            return DOCTYPE.matcher(new String(body, StandardCharsets.ISO_8859_1))
                            .find()
                    ? "XML with a DOCTYPE or an entity declaration is refused: FHIR XML has none (no DTDs, no"
                            + " entities, no external references)"
                    : null;
        }
        if (!isUtf8(body)) {
            return "the body is not valid UTF-8 (FHIR JSON must be UTF-8)";
        }
        return jsonRefusal(body);
    }

    private static String jsonRefusal(byte[] body) {
        try (JsonParser parser = STRICT.createParser(body)) {
            while (parser.nextToken() != null) {
                // every token once: duplicates and read limits are found on the way
            }
            return null;
        } catch (StreamConstraintsException limit) {
            StreamReadConstraints limits = StreamReadConstraints.defaults();
            String message = String.valueOf(limit.getOriginalMessage());
            if (message.startsWith("Document nesting depth")) {
                return "the body is nested deeper than the " + limits.getMaxNestingDepth() + " levels accepted";
            }
            if (message.startsWith("Number value length")) {
                return "the body has a number longer than the " + limits.getMaxNumberLength() + " digits accepted";
            }
            return "the body breaks a JSON reading limit";
        } catch (JsonProcessingException malformed) {
            String message = String.valueOf(malformed.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return "the body has a key twice in one JSON object (a duplicate key): which one is meant is ambiguous";
            }
            return null; // malformed JSON: HAPI's parser says where
        } catch (IOException impossible) {
            return null;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        refuse(
                response,
                413,
                OperationOutcome.IssueType.TOOCOSTLY,
                "the request body is larger than the " + maxBodyBytes
                        + " bytes the sandbox EHR accepts (referralbridge.sandbox.max-body-bytes)");
    }

    private void refuse(HttpServletResponse response, int status, OperationOutcome.IssueType type, String detail)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(detail);
        byte[] json =
                fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The request with its body read already, for HAPI to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
