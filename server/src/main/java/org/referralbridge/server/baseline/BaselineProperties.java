package org.referralbridge.server.baseline;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.baseline.*}: the baseline backfill and figures.
 *
 * @param requestsPerSecond at most this many search requests per second to the EHR
 * @param pageSize {@code _count} of each search page
 * @param launchDate the program's launch; unset: the earliest start of the programs
 * @param lease how long one instance may run the backfill without renewing (it renews after every page)
 * @param logEveryPages the progress is logged every this many pages
 * @param resumeCheck how often an instance looks for a run that was RUNNING when its instance stopped, to resume it
 */
@Validated
@ConfigurationProperties("referralbridge.baseline")
record BaselineProperties(
        @DefaultValue("5") double requestsPerSecond,
        @DefaultValue("100") int pageSize,
        LocalDate launchDate,
        @NotNull @DefaultValue("2m") Duration lease,
        @DefaultValue("10") int logEveryPages,
        @NotNull @DefaultValue("30s") Duration resumeCheck) {}
