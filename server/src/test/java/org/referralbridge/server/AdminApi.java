package org.referralbridge.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The service's admin API as a program manager's tools would call it. */
public final class AdminApi {

    /** The user every test context has, with all four roles (application-test.yml). */
    public static final String USER = "admin";

    public static final String PASSWORD = "test-admin-password";

    private final RestClient api;

    public AdminApi(int port) {
        this.api = client(port);
    }

    /** A client of the service on {@code port}, signed in as {@link #USER}. */
    public static RestClient client(int port) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(USER, PASSWORD))
                .build();
    }

    /** The {@code Authorization} header value that signs in as {@link #USER}. */
    public static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Enrols the patient and returns their referral code. */
    public String enrol(String patientId) {
        Map<String, Object> advocate = api.post()
                .uri("/api/advocates")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return (String) advocate.get("referralCode");
    }

    /** Up to 500 referrals, newest first. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> referrals() {
        Map<String, Object> page =
                api.get().uri("/api/referrals?size=500").retrieve().body(new ParameterizedTypeReference<>() {});
        return (List<Map<String, Object>>) page.get("items");
    }

    /** The referral of a patient, or null. */
    public Map<String, Object> referralOf(String patientId) {
        return referrals().stream()
                .filter(r -> patientId.equals(r.get("referredPatientId")))
                .findFirst()
                .orElse(null);
    }
}
