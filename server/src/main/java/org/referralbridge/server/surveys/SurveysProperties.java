package org.referralbridge.server.surveys;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.surveys.*}: the program-feedback survey.
 *
 * @param tokenSecret the HMAC key of the survey links' tokens (at least 32 characters); blank: a random key made at
 *     start, so links stop working at a restart
 * @param linkValidity how long a survey link works
 */
@Validated
@ConfigurationProperties("referralbridge.surveys")
public record SurveysProperties(
        String tokenSecret, @NotNull @DefaultValue("30d") Duration linkValidity) {}
