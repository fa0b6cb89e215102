package org.referralbridge.fhirplugin.subscription;

import java.util.Objects;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.referralbridge.fhirplugin.client.ResourceChange;

/**
 * Brings one of our Subscriptions in line with its spec: on again when {@code off} or {@code error}, channel as asked.
 * Remembers what it found on its latest run, for the report.
 */
final class Reconciliation implements ResourceChange<Subscription> {

    private final SubscriptionSpec spec;
    private boolean reactivated;
    private String status;

    Reconciliation(SubscriptionSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean applyTo(Subscription subscription) {
        reactivated = false;
        boolean changed = false;
        if (!isOn(subscription)) {
            subscription.setStatus(SubscriptionStatus.REQUESTED);
            reactivated = true;
            changed = true;
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
            changed = true;
        }
        if (!Objects.equals(channel.getPayload(), spec.payload())) {
            channel.setPayload(spec.payload());
            changed = true;
        }
        if (!channel.getHeader().stream().map(StringType::getValue).toList().equals(spec.headers())) {
            channel.getHeader().clear();
            spec.headers().forEach(channel::addHeader);
            changed = true;
        }
        status = subscription.hasStatus() ? subscription.getStatus().toCode() : null;
        return changed;
    }

    boolean reactivated() {
        return reactivated;
    }

    String status() {
        return status;
    }

    private static boolean isOn(Subscription subscription) {
        return subscription.getStatus() == SubscriptionStatus.ACTIVE
                || subscription.getStatus() == SubscriptionStatus.REQUESTED;
    }
}
