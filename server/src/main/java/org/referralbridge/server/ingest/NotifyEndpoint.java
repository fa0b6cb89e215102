package org.referralbridge.server.ingest;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The notification endpoint's address and secret header, as the EHR must use them. */
@Component
class NotifyEndpoint {

    static final String PATH = "/fhir/notify";

    private final NotifyProperties properties;
    private final NotifySecrets secrets;
    private volatile String url;

    NotifyEndpoint(NotifyProperties properties, NotifySecrets secrets) {
        this.properties = properties;
        this.secrets = secrets;
        this.url = blankToNull(properties.publicUrl());
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (url == null && event.getApplicationContext().getServerNamespace() == null) {
            url = "http://localhost:" + event.getWebServer().getPort() + PATH;
        }
    }

    /** The URL the EHR posts to; null until the web server has started when it is not configured. */
    String url() {
        return url;
    }

    String secretHeader() {
        return properties.secretHeader();
    }

    /** {@code Name: value} with the current secret, as a Subscription's channel.header carries it. */
    String secretHeaderLine() {
        return properties.secretHeader() + ": " + secrets.current();
    }

    int maxBodyBytes() {
        return properties.maxBodyBytes();
    }

    /** Whether the header presents one of the active secrets (compared in constant time, see {@link NotifySecrets}). */
    boolean acceptsSecret(String presented) {
        return secrets.accepts(presented);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
