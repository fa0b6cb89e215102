package org.referralbridge.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.referralbridge.server.ingest.SubscriptionsCheckedAtStart;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Holds a test's application back, once it is ready, until its first check of the Subscriptions on the EHR is done
 * ({@link SubscriptionsCheckedAtStart}; the service itself becomes ready without waiting for it). The tests create
 * resources in the EHR at once and expect the notifications about them, not the catch-up poller's search a minute
 * later. Added to every {@link SpringBootTest} context (see {@link Factory}) and to {@link Instances}.
 */
public final class AwaitSubscriptionsCheckedAtStart implements ApplicationListener<ApplicationEvent>, Ordered {

    private static final Duration AT_MOST = Duration.ofMinutes(2);

    private final CountDownLatch checked = new CountDownLatch(1);

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof SubscriptionsCheckedAtStart) {
            checked.countDown();
        } else if (event instanceof ApplicationReadyEvent) {
            try {
                if (!checked.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(
                            "the start-up check of the Subscriptions did not end within " + AT_MOST);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the start-up Subscription check", e);
            }
        }
    }

    /** After the service's own ready listeners, the one that starts the check among them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Adds the listener to the context of each {@link SpringBootTest} class (the whole application). */
    public static class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            boolean wholeApplication = MergedAnnotations.from(
                            testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                    .isPresent(SpringBootTest.class);
            return wholeApplication ? new Customizer() : null;
        }
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.addApplicationListener(new AwaitSubscriptionsCheckedAtStart());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
