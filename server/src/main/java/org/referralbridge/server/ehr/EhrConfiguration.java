package org.referralbridge.server.ehr;

import ca.uhn.fhir.context.FhirContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import org.referralbridge.fhirplugin.client.EhrAuth;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrConnection;
import org.referralbridge.fhirplugin.client.KeySource;
import org.referralbridge.fhirplugin.client.SmartBackendAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EhrConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EhrConfiguration.class);

    /**
     * One FhirContext for the whole application: it is expensive to build and thread-safe. Built (and warmed up)
     * beside Spring's start when {@code main} started {@link FhirContextWarmUp}; its settings are described there.
     */
    @Bean
    FhirContext fhirContext() {
        return FhirContextWarmUp.takeOrBuild();
    }

    @Bean
    EhrClient ehrClient(FhirContext fhirContext, EhrProperties properties, EhrBaseUrl baseUrl) {
        EhrConnection connection = EhrConnection.to(baseUrl)
                .withAuth(auth(properties.auth()))
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
        return new EhrClient(fhirContext, connection);
    }

    /**
     * One circuit breaker per EHR, shared by every worker that calls it: when most calls fail, the workers leave
     * the EHR alone for a while instead of spending every item's attempts on it.
     */
    @Bean
    CircuitBreaker ehrCircuitBreaker(EhrProperties properties, MeterRegistry meters) {
        EhrProperties.Breaker settings = properties.circuitBreaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        CircuitBreaker breaker = registry.circuitBreaker("ehr");
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn("EHR circuit breaker: {}", event.getStateTransition()));
        return breaker;
    }

    private static EhrAuth auth(EhrProperties.Auth auth) {
        return switch (auth.type()) {
            case "basic" ->
                EhrAuth.basic(
                        required(auth.username(), "referralbridge.ehr.auth.username"),
                        required(auth.password(), "referralbridge.ehr.auth.password"));
            case "bearer" -> EhrAuth.bearer(required(auth.token(), "referralbridge.ehr.auth.token"));
            case "smart-backend" -> smartBackend(auth.smart());
            default -> EhrAuth.none();
        };
    }

    private static EhrAuth smartBackend(EhrProperties.Smart smart) {
        String prefix = "referralbridge.ehr.auth.smart.";
        KeySource key;
        if (smart.privateKeyPem() != null && !smart.privateKeyPem().isBlank()) {
            key = KeySource.pemFile(Path.of(smart.privateKeyPem()));
        } else {
            key = KeySource.keyStore(
                    Path.of(required(smart.keyStore(), prefix + "private-key-pem or " + prefix + "key-store")),
                    required(smart.keyStoreAlias(), prefix + "key-store-alias"),
                    required(smart.keyStorePassword(), prefix + "key-store-password"));
        }
        return new SmartBackendAuth(
                required(smart.clientId(), prefix + "client-id"),
                blank(smart.tokenEndpoint()) ? null : URI.create(smart.tokenEndpoint()),
                smart.scopes() == null || smart.scopes().isEmpty() ? null : new LinkedHashSet<>(smart.scopes()),
                key,
                required(smart.kid(), prefix + "kid"),
                blank(smart.algorithm()) ? null : SmartBackendAuth.Algorithm.valueOf(smart.algorithm()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " must be set for this referralbridge.ehr.auth.type");
        }
        return value;
    }
}
