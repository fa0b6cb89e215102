package org.referralbridge.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What a caller hears when sign-in refuses them, in the shape of every other error: 401 {@code RB-1006} (no or wrong
 * credentials, with the {@code WWW-Authenticate} challenges of the configured sign-in) and 403 {@code RB-1007} (signed
 * in without a role the endpoint allows); an OperationOutcome under {@code /fhir/} and {@code /sandbox/fhir}. Neither
 * says which user, which role or why the credentials failed.
 */
public final class RefusedRequests implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final String challenge;

    /** @param challenge the {@code WWW-Authenticate} value of a 401, e.g. {@code Basic realm="Referral Bridge"} */
    public RefusedRequests(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        response.setHeader("WWW-Authenticate", challenge);
        write(request, response, 401, "RB-1006", "Sign-in required: send valid credentials for this endpoint");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, 403, "RB-1007", "Signed in without a role this endpoint allows");
    }

    private static void write(
            HttpServletRequest request, HttpServletResponse response, int status, String code, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ErrorBodies.Body body =
                ErrorBodies.of(request.getRequestURI(), status, code, ErrorBodies.title(status), detail);
        response.setStatus(status);
        response.setContentType(body.contentType() + ";charset=UTF-8");
        response.getOutputStream().write(body.json().getBytes(StandardCharsets.UTF_8));
    }
}
