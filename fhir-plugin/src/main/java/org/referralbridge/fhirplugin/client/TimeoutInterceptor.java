package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;

/**
 * Puts this connection's timeouts on each request. HAPI executes every request with the HTTP client of {@code
 * FhirContext.getRestfulClientFactory()}, whichever factory built the generic client, so timeouts set on a factory
 * would be global to the (shared) FhirContext; a per-request config keeps them per EHR connection.
 */
final class TimeoutInterceptor implements IClientInterceptor {

    private final RequestConfig config;

    TimeoutInterceptor(Duration connectTimeout, Duration readTimeout) {
        this.config = RequestConfig.custom()
                .setConnectTimeout(millis(connectTimeout))
                .setConnectionRequestTimeout(millis(connectTimeout))
                .setSocketTimeout(millis(readTimeout))
                .build();
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        if (request instanceof ApacheHttpRequest apache) {
            HttpRequestBase apacheRequest = apache.getApacheRequest();
            RequestConfig current = apacheRequest.getConfig();
            apacheRequest.setConfig(
                    current == null
                            ? config
                            : RequestConfig.copy(current)
                                    .setConnectTimeout(config.getConnectTimeout())
                                    .setConnectionRequestTimeout(config.getConnectionRequestTimeout())
                                    .setSocketTimeout(config.getSocketTimeout())
                                    .build());
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do on the way back
    }

    private static int millis(Duration duration) {
        return (int) Math.min(duration.toMillis(), Integer.MAX_VALUE);
    }
}
