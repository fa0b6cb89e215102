package org.referralbridge.server.ehr;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What clinic IT's pages show of the EHR connection: where the EHR is, how the service signs in to it (the kind, and
 * for SMART Backend Services the client id and token endpoint; never a password, token or key), and the circuit
 * breaker's state.
 */
@Component
public class EhrConnectionStatus {

    private final EhrBaseUrl baseUrl;
    private final EhrProperties properties;
    private final CircuitBreaker breaker;

    EhrConnectionStatus(
            EhrBaseUrl baseUrl, EhrProperties properties, @Qualifier("ehrCircuitBreaker") CircuitBreaker breaker) {
        this.baseUrl = baseUrl;
        this.properties = properties;
        this.breaker = breaker;
    }

    public Connection connection() {
        EhrProperties.Auth auth = properties.auth();
        boolean smart = "smart-backend".equals(auth.type());
        return new Connection(
                baseUrl.get(),
                baseUrl.isEmbedded(),
                auth.type(),
                smart ? auth.smart().clientId() : null,
                smart ? auth.smart().tokenEndpoint() : null,
                properties.connectTimeout(),
                properties.readTimeout());
    }

    public Breaker breaker() {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        EhrProperties.Breaker settings = properties.circuitBreaker();
        return new Breaker(
                breaker.getState().name(),
                metrics.getFailureRate(),
                metrics.getNumberOfBufferedCalls(),
                metrics.getNumberOfFailedCalls(),
                settings.failureRateThreshold(),
                settings.window(),
                settings.minimumCalls(),
                settings.waitInOpen());
    }

    /**
     * @param baseUrl the EHR's FHIR base URL (null only before the web server has started, with the sandbox)
     * @param sandbox whether it is the service's built-in sandbox EHR
     * @param authType {@code none}, {@code basic}, {@code bearer} or {@code smart-backend}
     * @param smartClientId the client id SMART Backend Services signs in with, else null
     * @param smartTokenEndpoint its token endpoint as configured; null when discovered (or not SMART)
     */
    public record Connection(
            String baseUrl,
            boolean sandbox,
            String authType,
            String smartClientId,
            String smartTokenEndpoint,
            Duration connectTimeout,
            Duration readTimeout) {}

    /**
     * @param state {@code CLOSED} (calls go through), {@code OPEN} (workers leave the EHR alone), {@code HALF_OPEN}
     *     (a few trial calls), or resilience4j's other states
     * @param failureRate percentage of failed calls of the last window, -1 until {@code minimumCalls} were made
     */
    public record Breaker(
            String state,
            float failureRate,
            int bufferedCalls,
            int failedCalls,
            int failureRateThreshold,
            int window,
            int minimumCalls,
            Duration waitInOpen) {}
}
