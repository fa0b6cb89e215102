package org.referralbridge.server.ehr;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The EHR's FHIR base URL: the configured one, or else the embedded sandbox's, which is known only once the web
 * server has its port.
 */
@Component
public class EhrBaseUrl implements Supplier<String> {

    private final String configured;
    private final ObjectProvider<EmbeddedEhr> embedded;
    private volatile String resolved;

    EhrBaseUrl(EhrProperties properties, ObjectProvider<EmbeddedEhr> embedded) {
        this.configured = properties.baseUrl() == null || properties.baseUrl().isBlank()
                ? null
                : stripSlash(properties.baseUrl());
        this.embedded = embedded;
        this.resolved = configured;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (configured == null && event.getApplicationContext().getServerNamespace() == null) {
            EmbeddedEhr ehr = embedded.getIfAvailable();
            if (ehr == null) {
                throw new IllegalStateException(
                        "referralbridge.ehr.base-url is blank and the sandbox EHR is disabled: set one of them");
            }
            resolved = "http://localhost:" + event.getWebServer().getPort() + ehr.basePath();
        }
    }

    /** The base URL, or null before the web server has started when the sandbox is used. */
    @Override
    public String get() {
        return resolved;
    }

    /** Whether the EHR is the embedded sandbox. */
    public boolean isEmbedded() {
        return configured == null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
