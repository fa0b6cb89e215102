package org.referralbridge.server.ingest;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistrar;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistration;
import org.referralbridge.fhirplugin.subscription.SubscriptionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the service's R4 rest-hook Subscriptions on the EHR: at start-up (before anything else that needs
 * notifications runs) and again on a schedule, re-creating or re-activating any that were removed or turned off.
 */
class EhrSubscriptions {

    static final List<String> CRITERIA = List.of("Patient?", "Encounter?status=finished", "Consent?", "Coverage?");
    private static final Logger log = LoggerFactory.getLogger(EhrSubscriptions.class);

    private final SubscriptionRegistrar registrar;
    private final NotifyEndpoint endpoint;
    private final AtomicReference<List<SubscriptionRegistration>> latest = new AtomicReference<>(List.of());

    EhrSubscriptions(SubscriptionRegistrar registrar, NotifyEndpoint endpoint) {
        this.registrar = registrar;
        this.endpoint = endpoint;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void registerAtStartup() {
        ensure();
    }

    /** Makes sure every Subscription exists and is on; failures are logged and retried on the next run. */
    @Scheduled(
            initialDelayString = "${referralbridge.ingest.subscription-check:5m}",
            fixedDelayString = "${referralbridge.ingest.subscription-check:5m}")
    void ensure() {
        List<SubscriptionSpec> specs = CRITERIA.stream()
                .map(criteria ->
                        SubscriptionSpec.restHook(criteria, endpoint.url()).withHeader(endpoint.secretHeaderLine()))
                .toList();
        try {
            latest.set(registrar.register(specs));
        } catch (EhrException e) {
            log.warn("Could not register Subscriptions on the EHR, will retry: {}", e.getMessage());
        }
    }

    /** What the latest run found or did, one entry per Subscription. */
    List<SubscriptionRegistration> latest() {
        return latest.get();
    }
}
