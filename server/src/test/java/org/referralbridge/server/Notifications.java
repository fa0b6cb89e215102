package org.referralbridge.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends notifications to a service instance's {@code /fhir/notify} as an EHR does, over real HTTP. */
public final class Notifications {

    public static final String SECRET_HEADER = "X-Referral-Bridge-Secret";
    /** The secret of the test profile. */
    public static final String SECRET = "test-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public Notifications(int port) {
        this.port = port;
    }

    /**
     * A rest-hook with payload: {@code PUT /fhir/notify/{type}/{id}}, e.g. path {@code /Patient/7}; a null secret or
     * If-Match leaves that header out.
     */
    public HttpResponse<String> pushed(String path, String body, String secret, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(SECRET_HEADER, secret);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    /** A POST with the test secret: a notification Bundle, or an empty rest-hook when {@code body} is null. */
    public HttpResponse<String> posted(String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("")).header(SECRET_HEADER, SECRET);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The endpoint's URI with {@code path} appended (e.g. {@code /Patient/7}, or empty). */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + "/fhir/notify" + path);
    }
}
