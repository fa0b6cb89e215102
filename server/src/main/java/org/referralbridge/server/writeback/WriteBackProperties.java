package org.referralbridge.server.writeback;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.referralbridge.server.queue.WorkerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code referralbridge.writeback.*}: the outbox workers that write to the EHR. */
@Validated
@ConfigurationProperties("referralbridge.writeback")
record WriteBackProperties(@Valid @NotNull @DefaultValue WorkerSettings worker) {}
