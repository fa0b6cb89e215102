package org.referralbridge.server.queue;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.queue.*}: what all durable queues share.
 *
 * @param retention how long completed items are kept (their dedupe keys drop repeated deliveries until then)
 */
@Validated
@ConfigurationProperties("referralbridge.queue")
record QueueProperties(@NotNull @DefaultValue("7d") Duration retention) {}
