package org.referralbridge.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The notification endpoint's address and shared secret, as the EHR must use them. */
@Component
class NotifyEndpoint {

    static final String PATH = "/fhir/notify";
    private static final Logger log = LoggerFactory.getLogger(NotifyEndpoint.class);

    private final NotifyProperties properties;
    private final byte[] secret;
    private volatile String url;

    NotifyEndpoint(NotifyProperties properties) {
        this.properties = properties;
        String configured = properties.secret();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.info("referralbridge.notify.secret is not set: using a random secret for this run; the Subscriptions"
                    + " registered at startup carry it");
        }
        this.secret = configured.getBytes(StandardCharsets.UTF_8);
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

    /** {@code Name: value}, as a Subscription's channel.header carries it. */
    String secretHeaderLine() {
        return properties.secretHeader() + ": " + new String(secret, StandardCharsets.UTF_8);
    }

    int maxBodyBytes() {
        return properties.maxBodyBytes();
    }

    /** Constant-time comparison, so the time taken does not tell how much of a guess was right. */
    boolean acceptsSecret(String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
