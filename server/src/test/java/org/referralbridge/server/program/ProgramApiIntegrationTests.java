package org.referralbridge.server.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/** Program managers define programs through the API; the configured directory's programs load at start. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.programs.directory=src/test/resources/programs",
            "referralbridge.practice.state=TX"
        })
class ProgramApiIntegrationTests {

    @LocalServerPort
    int port;

    RestClient api;

    @BeforeEach
    void connect() {
        api = AdminApi.client(port);
    }

    @Test
    void theDirectorysProgramIsLoadedAndChangedOnlyInItsFile() {
        Map<String, Object> loaded = get("/api/programs/friends-and-family").getBody();

        assertThat(loaded)
                .containsEntry("source", "file friends-and-family.yaml")
                .containsEntry("updatedBy", "system");
        assertThat(loaded.get("program").toString()).contains("credit-15", "Local food bank");

        ResponseEntity<Map<String, Object>> refused =
                send("PUT", "/api/programs/friends-and-family", program("friends-and-family", false));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("code", "RB-1502");
        assertThat(refused.getBody().get("detail").toString()).contains("friends-and-family.yaml");
    }

    @Test
    void aProgramIsCreatedReadAndReplacedAndItsProblemsAreNamed() {
        ResponseEntity<Map<String, Object>> created = send("POST", "/api/programs", program("winter-2027", false));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/programs/winter-2027");
        assertThat(created.getBody()).containsEntry("source", "api").containsEntry("updatedBy", AdminApi.USER);

        Map<String, Object> replacement = program("winter-2027", false);
        replacement.put("name", "Winter referrals, renamed");
        ResponseEntity<Map<String, Object>> replaced = send("PUT", "/api/programs/winter-2027", replacement);
        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        assertThat(replaced.getBody().get("program").toString()).contains("Winter referrals, renamed");

        ResponseEntity<Map<String, Object>> again = send("POST", "/api/programs", program("winter-2027", false));
        assertThat(again.getStatusCode().value()).isEqualTo(409);

        Map<String, Object> broken = program("winter-2028", false);
        broken.put("start", "2028-03-01");
        broken.put("end", "2028-01-01");
        broken.put(
                "rewards",
                List.of(Map.of(
                        "id",
                        "visit",
                        "items",
                        List.of(Map.of(
                                "id",
                                "card",
                                "kind",
                                "gift-card",
                                "retailValue",
                                Map.of("value", 20, "currency", "USD"))))));
        ResponseEntity<Map<String, Object>> invalid = send("POST", "/api/programs", broken);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getBody()).containsEntry("code", "RB-1501");
        assertThat(invalid.getBody().get("errors").toString()).contains("field=end", "field=rewards[0].items[0].kind");

        Map<String, Object> unknownKey = program("winter-2029", false);
        unknownKey.put("budget", 500);
        assertThat(send("POST", "/api/programs", unknownKey)
                        .getBody()
                        .get("errors")
                        .toString())
                .contains("field=budget", "no such key");

        ResponseEntity<Map<String, Object>> mismatch =
                send("PUT", "/api/programs/winter-2027", program("other", false));
        assertThat(mismatch.getStatusCode().value()).isEqualTo(409);
        assertThat(get("/api/programs/nothing-here").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void onlyOneProgramIsTheDefault() {
        ResponseEntity<Map<String, Object>> second = send("POST", "/api/programs", program("second-default", true));

        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody().get("detail").toString()).contains("'friends-and-family' is already the default");
    }

    @Test
    void programChangesAreAudited() {
        send("POST", "/api/programs", program("audited-2027", false));

        Map<String, Object> page = api.get()
                .uri("/api/audit?action=program.changed&size=50")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(page.toString()).contains("program/audited-2027");
    }

    private static Map<String, Object> program(String key, boolean isDefault) {
        Map<String, Object> program = new java.util.LinkedHashMap<>();
        program.put("key", key);
        program.put("name", "Winter referrals");
        program.put("start", "2027-01-01");
        program.put("isDefault", isDefault);
        program.put(
                "rewards",
                List.of(Map.of(
                        "id",
                        "visit",
                        "items",
                        List.of(Map.of(
                                "id",
                                "credit-10",
                                "kind",
                                "service-credit",
                                "retailValue",
                                Map.of("value", 10, "currency", "USD"))))));
        program.put("success", Map.of("withinDays", 60));
        return program;
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return api.get()
                .uri(path)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private ResponseEntity<Map<String, Object>> send(String method, String path, Object body) {
        return api.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(new ParameterizedTypeReference<>() {});
    }
}
