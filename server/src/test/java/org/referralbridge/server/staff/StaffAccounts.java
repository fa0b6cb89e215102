package org.referralbridge.server.staff;

import java.util.List;
import java.util.Map;
import org.referralbridge.server.AdminApi;
import org.springframework.http.MediaType;

/** Staff users of the browser tests, one per role, added through the users API as a program manager would. */
public final class StaffAccounts {

    /** Every account's password. */
    public static final String PASSWORD = "browser-test-password";

    public static final String FRONT_DESK = "desk";
    public static final String PROGRAM_ADMIN = "manager";
    public static final String CLINIC_IT = "it";
    public static final String AUDITOR = "auditor";

    private StaffAccounts() {}

    /** Adds the four accounts (each with one role) to the service on {@code port}. */
    public static void addAll(int port) {
        add(port, FRONT_DESK, "front-desk");
        add(port, PROGRAM_ADMIN, "program-admin");
        add(port, CLINIC_IT, "clinic-it");
        add(port, AUDITOR, "auditor");
    }

    public static void add(int port, String username, String... roles) {
        AdminApi.client(port)
                .post()
                .uri("/api/users")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", List.of(roles)))
                .retrieve()
                .toBodilessEntity();
    }
}
