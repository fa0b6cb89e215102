package org.referralbridge.server.ingest;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.catch-up.*}: the poller that finds what notifications missed.
 *
 * @param interval how often it searches the EHR ({@code _lastUpdated=gt<watermark>}); a lost notification is at most
 *     this late
 * @param overlap how far before the watermark each search starts, for clocks and commits that lag; repeats are
 *     dropped by the inbox
 * @param pageSize {@code _count} of each search page
 * @param lease how long one instance may poll before another may take over
 */
@Validated
@ConfigurationProperties("referralbridge.catch-up")
record CatchUpProperties(
        @NotNull @DefaultValue("60s") Duration interval,
        @NotNull @DefaultValue("2m") Duration overlap,
        @DefaultValue("100") int pageSize,
        @NotNull @DefaultValue("5m") Duration lease) {}
