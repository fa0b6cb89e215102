package org.referralbridge.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems as every module answers them: a stable code (e.g. {@code RB-1101}), a title, no PHI. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://referralbridge.org/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
