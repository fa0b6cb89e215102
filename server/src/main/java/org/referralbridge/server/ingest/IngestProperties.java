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
 * @param mappingProfile a mapping profile file (YAML) saying where this EHR keeps referral evidence; blank means
 *     the built-in default, which reads Referral Bridge's own {@code referral-source} extension
 * @param subscriptionReread how long after creating a Subscription it is read again (and twice more at the same
 *     interval) while the EHR still reports it {@code requested}, so the API shows it active soon after the EHR
 *     activated it
 */
@Validated
@ConfigurationProperties("referralbridge.ingest")
record IngestProperties(
        @Valid @NotNull @DefaultValue WorkerSettings worker,
        String mappingProfile,
        @NotNull @DefaultValue("3s") Duration subscriptionReread) {}
