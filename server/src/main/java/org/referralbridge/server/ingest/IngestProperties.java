package org.referralbridge.server.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.referralbridge.server.queue.WorkerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.ingest.*}: the inbox workers.
 *
 * @param subscriptionReread how long after creating a Subscription it is read again (and twice more at the same
 *     interval) while the EHR still reports it {@code requested}, so the API shows it active soon after the EHR
 *     activated it
 */
@Validated
@ConfigurationProperties("referralbridge.ingest")
record IngestProperties(
        @Valid @NotNull @DefaultValue WorkerSettings worker,
        @NotNull @DefaultValue("3s") Duration subscriptionReread) {}
