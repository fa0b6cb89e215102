package org.referralbridge.server.ingest;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code ehrSubscriptions} in /actuator/health: DEGRADED (answered with 200: the catch-up poller still finds every
 * change, only later) when a Subscription is missing or off or the EHR could not be asked.
 */
@Component("ehrSubscriptionsHealthIndicator")
class SubscriptionHealth extends AbstractHealthIndicator {

    private final EhrSubscriptions subscriptions;

    SubscriptionHealth(EhrSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        EhrSubscriptions.Check check = subscriptions.latest();
        if (check == null) {
            builder.unknown().withDetail("reason", "not checked yet");
            return;
        }
        builder.status(check.healthy() ? Status.UP : new Status("DEGRADED"))
                .withDetail("checkedAt", check.at())
                .withDetail(
                        "subscriptions",
                        SubscriptionController.SubscriptionsView.of(check).subscriptions());
        if (check.failure() != null) {
            builder.withDetail("failure", check.failure());
        }
    }
}
