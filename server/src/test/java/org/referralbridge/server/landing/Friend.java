package org.referralbridge.server.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A referred friend's browser as plain HTTP: its own cookies (the anonymous session that holds the CSRF token), pages
 * asked for as HTML, and a client address of its own (sent as {@code X-Forwarded-For}, which the test's proxy
 * setting honours), so each test counts against its own rate limit.
 */
final class Friend {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final String address;

    Friend(int port, String address) {
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = "http://localhost:" + port;
        this.address = address;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** Opens the code's page and sends its form with these fields (and the page's CSRF and time tokens). */
    HttpResponse<String> send(String code, Map<String, String> fields) {
        HttpResponse<String> page = get("/r/" + code);
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", find(CSRF, page.body()));
        form.put("token", find(TOKEN, page.body()));
        form.putAll(fields);
        return post("/r/" + code, form);
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("X-Forwarded-For", address);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1).replace("&#45;", "-").replace("&#61;", "=");
    }
}
