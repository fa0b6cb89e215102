package org.referralbridge.server.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.sandbox.*}: the built-in sandbox EHR.
 *
 * @param enabled serve it at {@code /sandbox/fhir} and, when no EHR base URL is set, use it as the EHR
 * @param journal a file that keeps its data across restarts; blank keeps it in memory only
 * @param maxBodyBytes larger request bodies are refused with 413, before the FHIR parser reads them
 */
@Validated
@ConfigurationProperties("referralbridge.sandbox")
record SandboxProperties(
        boolean enabled,
        String journal,

        @Min(1024) @Max(64 * 1024 * 1024) @DefaultValue("1048576")
        int maxBodyBytes) {}
