package org.referralbridge.server.web;

import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Replaces Tomcat's HTML error report for what Tomcat refuses before any servlet runs: a malformed or too long request
 * line, headers over the size limit, an encoded slash ({@code %2F}), NUL ({@code %00}) or backslash in the path. Those
 * get a problem (or an OperationOutcome under {@code /fhir/}) saying which rule the request broke. Tomcat's own
 * messages are read only to tell the cases apart: they can quote the request, so they are never passed on.
 */
public class ProblemReportValve extends ErrorReportValve {

    static final String CODE = "RB-1005";

    private final long maxHeaderBytes;

    /** Tomcat instantiates a host's error report valve by name when none is configured: the default limit then. */
    public ProblemReportValve() {
        this(8 * 1024);
    }

    ProblemReportValve(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (throwable == null) {
            throwable = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        }
        String path = path(request);
        ErrorBodies.Body body =
                ErrorBodies.of(path, status, CODE, ErrorBodies.title(status), detail(status, response, throwable));
        try {
            // the headers the security filter puts on every other answer; this one never reached that filter
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(body.contentType());
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body.json());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing left to tell
        }
    }

    private String detail(int status, Response response, Throwable throwable) {
        String hint = (response.getMessage() + " " + (throwable == null ? "" : throwable.getMessage()))
                .toLowerCase(Locale.ROOT);
        if (hint.contains("too large") || hint.contains("too long") || status == 414 || status == 431) {
            return "the request line and headers are larger than the " + maxHeaderBytes
                    + " bytes this server accepts (server.max-http-request-header-size)";
        }
        if (status == 400 && (hint.contains("uri") || hint.contains("request target") || hint.contains("url"))) {
            return "the URL is not valid here: it has a character the server refuses (such as an encoded slash %2F,"
                    + " an encoded NUL %00 or a backslash) or is malformed";
        }
        if (status == 400 && hint.contains("header")) {
            return "a request header is malformed (an illegal character or a broken line)";
        }
        if (status == 400) {
            return "the request is not valid HTTP";
        }
        if (status == 404) {
            return "no resource at this URL";
        }
        return status >= 500 ? "something went wrong on our side; the log has the details" : "the request was refused";
    }

    /** The raw path, when the request line got that far; null otherwise. */
    private static String path(Request request) {
        try {
            String uri = request.getCoyoteRequest().requestURI().toString();
            return uri == null || uri.isEmpty() ? null : uri;
        } catch (RuntimeException unparsed) {
            return null;
        }
    }
}
