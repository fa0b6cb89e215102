package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one R4 rest-hook notification over real HTTP, shaped as a HAPI FHIR server shapes it: with a payload,
 * {@code PUT {endpoint}/{type}/{id}} with the resource and {@code If-Match: W/"<version>"}; for a deletion,
 * {@code DELETE {endpoint}/{type}/{id}}; without a payload, an empty {@code POST {endpoint}}. The Subscription's
 * {@code channel.header} lines go along. Failed deliveries are retried a few times; then the Subscription is set to
 * {@code error}, so an endpoint that is gone does not hold up every other notification.
 */
class RestHookSender {

    private static final Logger log = LoggerFactory.getLogger(RestHookSender.class);
    private static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final Consumer<String> givenUp;

    /** @param givenUp told the id of a Subscription whose notification could not be delivered at all */
    RestHookSender(HttpClient http, Consumer<String> givenUp) {
        this.http = http;
        this.givenUp = givenUp;
    }

    void send(Notification notification) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(notification.request(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                log.warn(
                        "Sandbox notification of {} to Subscription/{} got HTTP {}",
                        notification.subject(),
                        notification.subscriptionId(),
                        response.statusCode());
                if (response.statusCode() / 100 == 4) {
                    return;
                }
            } catch (java.io.IOException e) {
                log.warn(
                        "Sandbox notification of {} to Subscription/{} failed: {}",
                        notification.subject(),
                        notification.subscriptionId(),
                        e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(attempt);
        }
        givenUp.accept(notification.subscriptionId());
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A notification ready to send; the body is encoded when the change happens, not when it is sent. */
    record Notification(String subscriptionId, String subject, HttpRequest request) {

        static Notification of(
                FhirContext fhirContext, Subscription subscription, IBaseResource resource, boolean deleted) {
            String endpoint = subscription.getChannel().getEndpoint();
            String type = fhirContext.getResourceType(resource);
            String id = resource.getIdElement().getIdPart();
            String version = resource.getIdElement().getVersionIdPart();
            String payload = subscription.getChannel().getPayload();
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
            for (StringType header : subscription.getChannel().getHeader()) {
                addHeader(request, header.getValue());
            }
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            if (payload == null || payload.isBlank()) {
                request.uri(URI.create(base)).POST(HttpRequest.BodyPublishers.noBody());
            } else if (deleted) {
                request.uri(URI.create(base + "/" + type + "/" + id)).DELETE();
            } else {
                String body = fhirContext.newJsonParser().encodeResourceToString(resource);
                request.uri(URI.create(base + "/" + type + "/" + id))
                        .header("Content-Type", "application/fhir+json; charset=UTF-8")
                        .PUT(HttpRequest.BodyPublishers.ofString(body));
                if (version != null) {
                    request.header("If-Match", "W/\"" + version + "\"");
                }
            }
            return new Notification(subscription.getIdElement().getIdPart(), type + "/" + id, request.build());
        }

        private static void addHeader(HttpRequest.Builder request, String line) {
            int colon = line == null ? -1 : line.indexOf(':');
            if (colon > 0) {
                request.header(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
    }
}
