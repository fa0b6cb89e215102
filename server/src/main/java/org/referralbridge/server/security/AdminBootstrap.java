package org.referralbridge.server.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.referralbridge.server.web.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At the first start of local mode (no user yet), creates {@code admin} with all four roles, so someone can sign in
 * and add the others. Its password is {@code referralbridge.security.admin-password} when set; otherwise a random one,
 * printed once here and never again (there is no fixed default to forget to change).
 */
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final LocalUsers users;
    private final SecurityProperties properties;

    AdminBootstrap(LocalUsers users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.none()) {
            return;
        }
        boolean generated = properties.adminPassword() == null;
        String password = generated ? generatedPassword() : properties.adminPassword();
        try {
            users.add(
                    ADMIN,
                    password,
                    Set.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR),
                    "first start");
        } catch (LocalUsers.UserExists anotherInstanceWasFirst) {
            return;
        }
        if (generated) {
            log.warn(
                    "Created the user '{}' with all roles. Its password, shown this once: {} (add staff with POST"
                            + " /api/users; set referralbridge.security.admin-password to choose it at a first start)",
                    ADMIN,
                    password);
        } else {
            log.info(
                    "Created the user '{}' with all roles and the password of referralbridge.security.admin-password",
                    ADMIN);
        }
    }

    private static String generatedPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
