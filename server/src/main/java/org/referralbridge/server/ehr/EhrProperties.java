package org.referralbridge.server.ehr;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
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
     * @param type {@code none}, {@code basic} or {@code bearer}
     */
    record Auth(
            @NotNull
            @DefaultValue("none")
            @Pattern(regexp = "none|basic|bearer", message = "must be none, basic or bearer")
            String type,

            String username,
            String password,
            String token) {}
}
