package org.referralbridge.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One public address for every link the service hands out, and the two keys that named it before. */
class PublicAddressTests {

    @Test
    void theSettingWinsOverTheOldKeysAndLosesItsTrailingSlash() {
        PublicAddress address = new PublicAddress(new MockEnvironment()
                .withProperty("referralbridge.public-base-url", "https://referrals.example-clinic.org/")
                .withProperty("referralbridge.messages.public-base-url", "https://old.example.org")
                .withProperty("referralbridge.staff.friend-link-base", "https://older.example.org"));

        assertThat(address.base()).isEqualTo("https://referrals.example-clinic.org");
        assertThat(address.of("/r/ABCD-EFGH")).isEqualTo("https://referrals.example-clinic.org/r/ABCD-EFGH");
        assertThat(address.of("s/token")).isEqualTo("https://referrals.example-clinic.org/s/token");
        assertThat(address.configured()).isTrue();
    }

    @Test
    void theOldKeysStillCountInTheirOrder() {
        assertThat(new PublicAddress(new MockEnvironment()
                                .withProperty("referralbridge.messages.public-base-url", "https://old.example.org")
                                .withProperty("referralbridge.staff.friend-link-base", "https://older.example.org"))
                        .base())
                .isEqualTo("https://old.example.org");
        assertThat(new PublicAddress(new MockEnvironment()
                                .withProperty("referralbridge.staff.friend-link-base", "http://clinic.local:8080/rb/"))
                        .base())
                .isEqualTo("http://clinic.local:8080/rb");
    }

    @Test
    void withoutAnyItIsThisMachinesPortAndSaysSo() {
        PublicAddress address = new PublicAddress(new MockEnvironment().withProperty("server.port", "18080"));

        assertThat(address.base()).isEqualTo("http://localhost:18080");
        assertThat(address.configured()).isFalse();
        assertThat(new PublicAddress(new MockEnvironment()).base()).isEqualTo("http://localhost:8080");
    }

    @Test
    void anAddressThatIsNotHttpFailsTheStartNamingTheKeyItCameFrom() {
        assertThatThrownBy(() -> new PublicAddress(
                        new MockEnvironment().withProperty("referralbridge.staff.friend-link-base", "ftp://files")))
                .hasMessageStartingWith("referralbridge.staff.friend-link-base must be an http or https address");
        assertThatThrownBy(() -> new PublicAddress(new MockEnvironment()
                        .withProperty("referralbridge.public-base-url", "https://x.example.org/?utm=1")))
                .hasMessageStartingWith("referralbridge.public-base-url must be");
    }
}
