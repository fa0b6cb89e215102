package org.referralbridge.fhirplugin.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Exits 0 when the URL answers 2xx within five seconds, 1 otherwise; for Docker health checks in images that have a
 * JRE but no shell or curl: {@code java -cp <plugin jar> org.referralbridge.fhirplugin.probe.HttpProbe <url>}.
 */
public final class HttpProbe {

    private HttpProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.exit(2); // usage: HttpProbe <url>
        }
        System.exit(answers(args[0]) ? 0 : 1);
    }

    static boolean answers(String url) throws InterruptedException {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
