package org.referralbridge.server.ehr;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.ehr.*}: which EHR to talk to and how.
 *
 * @param baseUrl the EHR's FHIR base URL; blank means the built-in sandbox EHR (which must then be enabled)
 * @param auth how to authenticate to it
 * @param connectTimeout TCP connect timeout
 * @param readTimeout read timeout on an open connection
 * @param circuitBreaker when the workers stop calling an EHR that keeps failing, and for how long
 */
@Validated
@ConfigurationProperties("referralbridge.ehr")
record EhrProperties(
        @Pattern(regexp = "^$|^https?://.+", message = "must be an http(s) URL, or blank for the sandbox EHR")
        String baseUrl,

        @Valid @NotNull @DefaultValue Auth auth,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @Valid @NotNull @DefaultValue Breaker circuitBreaker) {

    /**
     * @param failureRateThreshold percentage of failed calls (of the last {@code window}) that opens the breaker
     * @param window calls the failure rate is computed over
     * @param minimumCalls calls needed before the rate counts
     * @param waitInOpen how long workers leave the EHR alone before trying a few calls again
     */
    record Breaker(
            @Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
            @Min(1) @DefaultValue("20") int window,
            @Min(1) @DefaultValue("10") int minimumCalls,
            @NotNull @DefaultValue("30s") Duration waitInOpen) {}

    /**
     * @param type {@code none}, {@code basic} ({@code username}, {@code password}), {@code bearer} ({@code token})
     *     or {@code smart-backend} ({@code smart.*})
     */
    record Auth(
            @NotNull
            @DefaultValue("none")
            @Pattern(
                    regexp = "none|basic|bearer|smart-backend",
                    message = "must be none, basic, bearer or smart-backend")
            String type,

            String username,
            String password,
            String token,
            @Valid @NotNull @DefaultValue Smart smart) {}

    /**
     * SMART Backend Services: a client_credentials grant with a signed JWT assertion (RS384 or ES384).
     *
     * @param clientId the client id the EHR registered for this service
     * @param tokenEndpoint the EHR's token endpoint; blank = discovered from {@code .well-known/smart-configuration}
     * @param scopes the scopes to ask for; empty = read Patient, Encounter, Coverage, Consent; write what we write
     * @param kid the key id of the public key registered with the EHR
     * @param algorithm {@code RS384} or {@code ES384}; blank = from the key
     * @param privateKeyPem an unencrypted PKCS#8 PEM file with the private key, or else a key store:
     * @param keyStore a PKCS#12 or JKS file
     * @param keyStoreAlias the key's alias in it
     * @param keyStorePassword its password (the key's too)
     */
    record Smart(
            String clientId,
            String tokenEndpoint,
            List<String> scopes,
            String kid,

            @Pattern(regexp = "^$|RS384|ES384", message = "must be RS384 or ES384")
            String algorithm,

            String privateKeyPem,
            String keyStore,
            String keyStoreAlias,
            String keyStorePassword) {}
}
