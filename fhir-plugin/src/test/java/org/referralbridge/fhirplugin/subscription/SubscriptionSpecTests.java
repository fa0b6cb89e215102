package org.referralbridge.fhirplugin.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionSpecTests {

    @Test
    void showsHeaderNamesButNeverTheirSecretValues() {
        SubscriptionSpec spec = SubscriptionSpec.restHook("Patient?", "https://bridge.example/notify")
                .withHeader("X-Referral-Bridge-Secret: s3cret");

        assertThat(spec.toString()).contains("X-Referral-Bridge-Secret: ***").doesNotContain("s3cret");
    }

    @Test
    void refusesASpecWithoutCriteria() {
        assertThatThrownBy(() -> SubscriptionSpec.restHook(" ", "https://bridge.example/notify"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
