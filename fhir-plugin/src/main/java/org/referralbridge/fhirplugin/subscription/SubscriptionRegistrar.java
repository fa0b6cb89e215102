package org.referralbridge.fhirplugin.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistration.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the R4 rest-hook Subscriptions Referral Bridge needs exist on an EHR and are switched on. Ours carry the
 * tag {@value #TAG_CODE} in {@link Canonicals#SERVICE_IDENTIFIER_SYSTEM}; one of ours matches a spec when endpoint and
 * criteria are equal. Subscriptions of other systems are never touched. Idempotent: a second run writes nothing.
 */
public final class SubscriptionRegistrar {

    static final String TAG_CODE = "subscription";
    static final String REASON = "Referral Bridge: patient referral program events";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistrar.class);

    private final EhrClient ehr;

    public SubscriptionRegistrar(EhrClient ehr) {
        this.ehr = ehr;
    }

    /** Registers each spec, in order, and reports where each stands. */
    public List<SubscriptionRegistration> register(List<SubscriptionSpec> specs) {
        List<Subscription> ours = findOurs();
        List<SubscriptionRegistration> registrations = new ArrayList<>();
        for (SubscriptionSpec spec : specs) {
            SubscriptionRegistration registration =
                    matching(ours, spec).map(found -> reconcile(found, spec)).orElseGet(() -> create(spec));
            log.info(
                    "Subscription {} for {}: {}",
                    registration.subscriptionId(),
                    spec.criteria(),
                    registration.action());
            registrations.add(registration);
        }
        return registrations;
    }

    /**
     * Reads each registered Subscription again for the status the EHR gives it now: an EHR activates a
     * {@code requested} Subscription on its own, often within seconds of its creation. Writes nothing.
     */
    public List<SubscriptionRegistration> refresh(List<SubscriptionRegistration> registrations) {
        return registrations.stream()
                .map(registration -> ehr.read(Subscription.class, registration.subscriptionId())
                        .map(found -> registration.withStatus(
                                found.hasStatus() ? found.getStatus().toCode() : null))
                        .orElseGet(() -> registration.withStatus(SubscriptionRegistration.NOT_FOUND)))
                .toList();
    }

    private List<Subscription> findOurs() {
        return ehr.search(
                        "Subscription", Map.of("_tag", List.of(Canonicals.SERVICE_IDENTIFIER_SYSTEM + "|" + TAG_CODE)))
                .filter(Subscription.class::isInstance)
                .map(Subscription.class::cast)
                .toList();
    }

    private static Optional<Subscription> matching(List<Subscription> ours, SubscriptionSpec spec) {
        return ours.stream()
                .filter(subscription ->
                        spec.endpoint().equals(subscription.getChannel().getEndpoint())
                                && spec.criteria().equals(subscription.getCriteria()))
                .findFirst();
    }

    private SubscriptionRegistration reconcile(Subscription found, SubscriptionSpec spec) {
        String id = found.getIdElement().getIdPart();
        Reconciliation reconciliation = new Reconciliation(spec);
        WriteOutcome outcome = ehr.update(Subscription.class, id, reconciliation);
        return switch (outcome.result()) {
            case NOT_FOUND -> create(spec); // deleted since the search
            case UNCHANGED -> new SubscriptionRegistration(spec, id, reconciliation.status(), Action.UNCHANGED);
            case WRITTEN ->
                new SubscriptionRegistration(
                        spec,
                        id,
                        reconciliation.status(),
                        reconciliation.reactivated() ? Action.REACTIVATED : Action.UPDATED);
        };
    }

    private SubscriptionRegistration create(SubscriptionSpec spec) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addTag(Canonicals.SERVICE_IDENTIFIER_SYSTEM, TAG_CODE, "Referral Bridge");
        subscription.setStatus(SubscriptionStatus.REQUESTED);
        subscription.setReason(REASON);
        subscription.setCriteria(spec.criteria());
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(spec.endpoint())
                .setPayload(spec.payload());
        spec.headers().forEach(subscription.getChannel()::addHeader);
        CreateOutcome created = ehr.create(subscription);
        return new SubscriptionRegistration(spec, created.id(), SubscriptionStatus.REQUESTED.toCode(), Action.CREATED);
    }
}
