package org.referralbridge.server.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.notify.*}: the endpoint the EHR sends Subscription notifications to.
 *
 * @param secret the one shared secret the EHR sends in {@code secretHeader}; blank (and no {@code secretsFile}) means
 *     a random one for this run (fine for the sandbox, since the service registers its Subscriptions with the header
 *     at every start)
 * @param secretsFile a file of secrets, one a line, all accepted; the first is the current one, which the service
 *     registers on its Subscriptions. Re-read every {@code secretsCheck} and on {@code POST
 *     /api/ehr/notify-secrets/reload}, so a rotation needs no restart
 * @param secretsCheck how often the secrets file is read again
 * @param secretHeader the header that carries the secret
 * @param maxBodyBytes larger notification bodies are refused with 413
 * @param maxBundleEntries notification Bundles with more entries are refused with 413 (each entry costs the worker a
 *     read from the EHR)
 * @param publicUrl the endpoint URL as the EHR must call it; blank means {@code http://localhost:<port>/fhir/notify}
 * @param rateLimit how many notifications one client may send
 */
@Validated
@ConfigurationProperties("referralbridge.notify")
record NotifyProperties(
        String secret,
        String secretsFile,
        @NotNull @DefaultValue("30s") Duration secretsCheck,
        @NotBlank @DefaultValue("X-Referral-Bridge-Secret") String secretHeader,

        @Min(1024) @Max(16 * 1024 * 1024) @DefaultValue("1048576")
        int maxBodyBytes,

        @Min(2) @Max(100_000) @DefaultValue("1000") int maxBundleEntries,

        @Pattern(regexp = "^$|^https?://.+", message = "must be an http(s) URL or blank")
        String publicUrl,

        @Valid @DefaultValue RateLimit rateLimit) {

    /** Two sources of the secret would leave unclear which one the Subscriptions carry. */
    @AssertTrue(message = "set referralbridge.notify.secret or referralbridge.notify.secrets-file, not both")
    boolean isOneSourceOfSecrets() {
        return isBlank(secret) || isBlank(secretsFile);
    }

    @AssertTrue(message = "must be at least one second")
    boolean isSecretsCheckPositive() {
        return secretsCheck == null || secretsCheck.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * {@code referralbridge.notify.rate-limit.*}: a token bucket per client (its remote address; behind a proxy,
     * {@code server.forward-headers-strategy} decides what that is). The defaults are far above what one EHR sends, so
     * the benchmarks and the sandbox are not throttled.
     *
     * @param enabled false lets every request through
     * @param perSecond tokens added back each second: the sustained rate
     * @param capacity the bucket's size: how many requests a burst may send at once
     * @param clients how many clients' buckets are kept; the least recently seen are dropped first
     */
    record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @Max(1_000_000) @DefaultValue("5000") int perSecond,
            @Min(1) @Max(10_000_000) @DefaultValue("10000") int capacity,
            @Min(1) @Max(1_000_000) @DefaultValue("10000") int clients) {}
}
