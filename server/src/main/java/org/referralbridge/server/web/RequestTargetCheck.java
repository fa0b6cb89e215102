package org.referralbridge.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check every request meets, before any security filter or servlet:
 *
 * <ul>
 *   <li>a URL with a dot segment ({@code ..} or {@code .}, also encoded as {@code %2e}) or a path parameter
 *       ({@code ;}) is refused (400): Tomcat resolves the first and drops the second before the application sees the
 *       path, so the URL would name another resource than it seems to (a path checked against one rule, served by
 *       another endpoint);
 *   <li>TRACE is refused (405): it would echo the request, with its credentials;
 *   <li>an {@code /api/} body larger than {@value #MAX_API_BODY_BYTES} bytes is refused (413) before it is read: the
 *       API takes small JSON bodies only; a mapping profile's dry run ({@code .../dry-run}), which takes the FHIR
 *       resources or Bundle clinic IT tries the profile on, up to {@value #MAX_DRY_RUN_BODY_BYTES} bytes;
 *   <li>an error answered without a body (an actuator endpoint's 404, say) gets one, through the error endpoint.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTargetCheck extends OncePerRequestFilter {

    static final int MAX_API_BODY_BYTES = 64 * 1024;
    static final int MAX_DRY_RUN_BODY_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (hasDotSegmentOrPathParameter(path)) {
            refuse(
                    response,
                    path,
                    400,
                    "the URL is not valid here: it has a dot segment (. or .., also encoded as"
                            + " %2e) or a path parameter (;), which could make it name another resource than it seems to");
            return;
        }
        if ("TRACE".equals(request.getMethod())) {
            refuse(response, path, 405, "this URL does not take that HTTP method (TRACE is never served)");
            return;
        }
        int maxBody = path.startsWith("/api/mapping-profiles/") && path.endsWith("/dry-run")
                ? MAX_DRY_RUN_BODY_BYTES
                : MAX_API_BODY_BYTES;
        if (path.startsWith("/api/") && request.getContentLengthLong() > maxBody) {
            refuse(response, path, 413, "the request body is larger than the " + maxBody + " bytes this API accepts");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentType() == null) {
            response.sendError(response.getStatus());
        }
    }

    static boolean hasDotSegmentOrPathParameter(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        if (rawPath.indexOf(';') >= 0) {
            return true;
        }
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, String path, int status, String detail)
            throws IOException {
        ErrorBodies.Body body =
                ErrorBodies.of(path, status, ProblemReportValve.CODE, ErrorBodies.title(status), detail);
        response.setStatus(status);
        if (status == 405) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        }
        response.setContentType(body.contentType());
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.json());
    }
}
