package org.referralbridge.server.landing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Says at start when the configured colour cannot be used. */
@Configuration(proxyBeanMethods = false)
class LandingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LandingConfiguration.class);

    private final LandingProperties properties;

    LandingConfiguration(LandingProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationStartedEvent.class)
    void checkColour() {
        double contrast = LandingProperties.contrastAgainstWhite(properties.primaryColour());
        if (contrast < LandingProperties.MIN_CONTRAST) {
            log.warn(
                    "referralbridge.landing.primary-colour {} has a contrast of {} against white, less than WCAG's"
                            + " 4.5:1: the landing page uses {} instead",
                    properties.primaryColour(),
                    String.format(java.util.Locale.ROOT, "%.2f:1", contrast),
                    LandingProperties.DEFAULT_COLOUR);
        }
    }
}
