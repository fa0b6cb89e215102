package org.referralbridge.server.web;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems as every module answers them: a stable code (e.g. {@code RB-1101}), a title, no PHI. The
 * {@code instance} is an id of this occurrence, so Spring does not fill in the request's path (which can hold data).
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://referralbridge.org/problems/" + code));
        problem.setProperty("code", code);
        problem.setInstance(URI.create("urn:uuid:" + UUID.randomUUID()));
        return problem;
    }
}
