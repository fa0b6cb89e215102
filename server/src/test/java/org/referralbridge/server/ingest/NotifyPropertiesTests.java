package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NotifyPropertiesTests {

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void defaultsLeaveTheBenchmarksAndTheSandboxUnthrottled() {
        NotifyProperties properties = bind(Map.of());

        assertThat(properties.rateLimit()).isEqualTo(new NotifyProperties.RateLimit(true, 5000, 10000, 10000));
        assertThat(properties.secretsCheck()).isEqualTo(Duration.ofSeconds(30));
        assertThat(validator.validate(properties)).isEmpty();
    }

    @Test
    void refusesTwoSourcesOfSecretsAndALimitBelowOne() {
        NotifyProperties properties = bind(Map.of(
                "referralbridge.notify.secret", "one",
                "referralbridge.notify.secrets-file", "/run/secrets/notify",
                "referralbridge.notify.secrets-check", "100ms",
                "referralbridge.notify.rate-limit.per-second", "0",
                "referralbridge.notify.rate-limit.capacity", "0"));

        assertThat(validator.validate(properties))
                .extracting(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "oneSourceOfSecrets",
                                "set referralbridge.notify.secret or referralbridge.notify.secrets-file, not both"),
                        org.assertj.core.groups.Tuple.tuple("secretsCheckPositive", "must be at least one second"),
                        org.assertj.core.groups.Tuple.tuple(
                                "rateLimit.perSecond", "must be greater than or equal to 1"),
                        org.assertj.core.groups.Tuple.tuple(
                                "rateLimit.capacity", "must be greater than or equal to 1"));
    }

    private static NotifyProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("referralbridge.notify", NotifyProperties.class);
    }
}
