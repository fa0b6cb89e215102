package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalCallersTests {

    @Test
    void onlyLoopbackAddressesAreLocal() {
        assertThat(LocalCallers.loopback("127.0.0.1")).isTrue();
        assertThat(LocalCallers.loopback("127.8.9.10")).isTrue();
        assertThat(LocalCallers.loopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(LocalCallers.loopback("::1")).isTrue();
        assertThat(LocalCallers.loopback("10.0.0.5")).isFalse();
        assertThat(LocalCallers.loopback("192.168.1.20")).isFalse();
        assertThat(LocalCallers.loopback("2001:db8::1")).isFalse();
    }

    @Test
    void namesAndGarbageAreNotLocalAndAreNeverLookedUp() {
        assertThat(LocalCallers.loopback("localhost")).isFalse();
        assertThat(LocalCallers.loopback("")).isFalse();
        assertThat(LocalCallers.loopback(null)).isFalse();
        assertThat(LocalCallers.loopback("127.0.0.1, 10.0.0.5")).isFalse();
    }
}
