package org.referralbridge.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReferralBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferralBridgeApplication.class, args);
    }
}
