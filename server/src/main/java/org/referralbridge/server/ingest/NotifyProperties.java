package org.referralbridge.server.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.notify.*}: the endpoint the EHR sends Subscription notifications to.
 *
 * @param secret the shared secret the EHR sends in {@code secretHeader}; blank means a random one for this run
 *     (fine for the sandbox, since the service registers its Subscriptions with the header at every start)
 * @param secretHeader the header that carries it
 * @param maxBodyBytes larger notification bodies are refused with 413
 * @param maxBundleEntries notification Bundles with more entries are refused with 413 (each entry costs the worker a
 *     read from the EHR)
 * @param publicUrl the endpoint URL as the EHR must call it; blank means {@code http://localhost:<port>/fhir/notify}
 */
@Validated
@ConfigurationProperties("referralbridge.notify")
record NotifyProperties(
        String secret,
        @NotBlank @DefaultValue("X-Referral-Bridge-Secret") String secretHeader,

        @Min(1024) @Max(16 * 1024 * 1024) @DefaultValue("1048576")
        int maxBodyBytes,

        @Min(2) @Max(100_000) @DefaultValue("1000") int maxBundleEntries,

        @Pattern(regexp = "^$|^https?://.+", message = "must be an http(s) URL or blank")
        String publicUrl) {}
