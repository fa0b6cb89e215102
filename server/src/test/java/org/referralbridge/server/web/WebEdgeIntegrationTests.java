package org.referralbridge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Every error, at every layer (Tomcat's request parsing, Spring MVC, the servlet container's error dispatch), as a
 * client meets it over a raw socket: an RFC 9457 problem for the API, an OperationOutcome under /fhir/, never HTML,
 * never the request echoed; and how /actuator/health answers each status.
 */
@IntegrationTest
@Import(WebEdgeIntegrationTests.HealthSwitchConfiguration.class)
class WebEdgeIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    HealthSwitch healthSwitch;

    @Autowired
    ApplicationContext context;

    @Test
    void aDuplicateKeyInAnApiBodyIsA400NamingTheKey() throws IOException {
        Reply reply = send(
                "POST",
                "/api/advocates",
                Map.of("Content-Type", "application/json"),
                "{\"patientId\":\"1\",\"patientId\":\"2\"}");

        JsonNode problem = reply.problem(400, "RB-1004");
        assertThat(problem.path("detail").asText()).contains("the key patientId twice");
        assertThat(problem.path("key").asText()).isEqualTo("patientId");
    }

    @Test
    void pagingOutOfRangeIsA400NamingTheParameter() throws IOException {
        Reply huge = send("GET", "/api/referrals?page=2147483647&size=2147483647", Map.of(), null);
        Reply tooLarge = send("GET", "/api/referrals?size=501", Map.of(), null);
        Reply zero = send("GET", "/api/referrals?size=0", Map.of(), null);
        Reply farPage = send("GET", "/api/referrals?page=2147483647&size=500", Map.of(), null);
        Reply negative = send("GET", "/api/referrals?page=-1", Map.of(), null);
        Reply overflow = send("GET", "/api/referrals?page=99999999999", Map.of(), null);
        Reply notANumber = send("GET", "/api/referrals?size=Jane", Map.of(), null);

        assertThat(huge.problem(400, "RB-1003").path("parameter").asText()).isEqualTo("size");
        for (Reply sizeReply : new Reply[] {huge, tooLarge, zero}) {
            assertThat(sizeReply.problem(400, "RB-1003").path("detail").asText())
                    .isEqualTo("size must be from 1 to 500 (the largest page of referrals served)");
        }
        assertThat(farPage.problem(400, "RB-1003").path("detail").asText())
                .isEqualTo("page must be from 0 to 4294967 with size 500");
        assertThat(negative.problem(400, "RB-1003").path("parameter").asText()).isEqualTo("page");
        assertThat(overflow.problem(400, "RB-1003").path("parameter").asText()).isEqualTo("page");
        assertThat(overflow.body).doesNotContain("99999999999");
        assertThat(notANumber.problem(400, "RB-1003").path("parameter").asText())
                .isEqualTo("size");
        assertThat(notANumber.body).doesNotContain("Jane");
        assertThat(send("GET", "/api/referrals?page=4294967&size=500", Map.of(), null).status)
                .isEqualTo(200);
    }

    @Test
    void encodedSlashesAndNulsInPathIdsAreProblemsOrOperationOutcomes() throws IOException {
        for (String id : new String[] {"a%2Fb", "a%00b", "a%5Cb"}) {
            Reply api = send("GET", "/api/advocates/" + id, Map.of("Accept", "text/html"), null);
            assertThat(api.problem(400, "RB-1005").path("detail").asText()).contains("the URL is not valid");
            assertThat(api.body).doesNotContain(id);
            Reply fhir = send(
                    "PUT",
                    "/fhir/notify/Patient/" + id,
                    Map.of("Content-Type", "application/fhir+json", Notifications.SECRET_HEADER, Notifications.SECRET),
                    "{\"resourceType\":\"Patient\"}");
            assertThat(fhir.outcome(400, "invalid").path("diagnostics").asText())
                    .contains("the URL is not valid");
        }
    }

    @Test
    void aLongCodeALongUrlAndALargeHeaderAreProblemsNamingTheLimit() throws IOException {
        Reply longCode = send("GET", "/api/advocates/" + "A".repeat(10_000), Map.of("Accept", "text/html"), null);
        Reply longUrl = send("GET", "/api/referrals?status=" + "x".repeat(20_000), Map.of(), null);
        Reply largeHeader = send("GET", "/api/referrals", Map.of("X-Large", "y".repeat(60_000)), null);
        Reply fhirLargeHeader = send(
                "PUT",
                "/fhir/notify/Patient/p1",
                Map.of("Content-Type", "application/fhir+json", "X-Large", "y".repeat(60_000)),
                "{\"resourceType\":\"Patient\"}");

        for (Reply reply : new Reply[] {longCode, longUrl, largeHeader}) {
            assertThat(reply.status).isBetween(400, 431);
            JsonNode problem = JSON.readTree(reply.body);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(problem.path("code").asText()).isEqualTo("RB-1005");
            assertThat(problem.path("detail").asText())
                    .contains("larger than the 8192 bytes this server accepts (server.max-http-request-header-size)");
            assertThat(reply.body).doesNotContain("AAAA", "xxxx", "yyyy");
        }
        assertThat(fhirLargeHeader.status).isBetween(400, 431);
        assertThat(fhirLargeHeader.contentType()).startsWith("application/fhir+json");
        assertThat(JSON.readTree(fhirLargeHeader.body).path("resourceType").asText())
                .isEqualTo("OperationOutcome");
    }

    @Test
    void unknownUrlsAndMethodsAreProblemsOrOperationOutcomesEvenForABrowser() throws IOException {
        send("GET", "/api/nothing-here/Jane", Map.of("Accept", "text/html"), null)
                .problem(404, "RB-1005");
        send("DELETE", "/api/referrals", Map.of("Accept", "text/html"), null).problem(405, "RB-1005");
        send("GET", "/error", Map.of("Accept", "text/html"), null).problem(404, "RB-1005");
        send("GET", "/fhir/notify", Map.of("Accept", "text/html"), null).outcome(405, "not-supported");
        send("GET", "/fhir/nothing-here/Jane", Map.of("Accept", "text/html"), null)
                .outcome(404, "not-found");
        send("POST", "/api/advocates", Map.of("Content-Type", "text/jane"), "Jane")
                .problem(415, "RB-1005");
        send("GET", "/api/referrals", Map.of("Accept", "application/xml"), null).problem(406, "RB-1005");
    }

    @Test
    void healthAnswers503WhenDownOrOutOfServiceAnd200WhenDegraded() throws Exception {
        try {
            Map<Status, Integer> answers = new LinkedHashMap<>();
            for (Status status : new Status[] {Status.DOWN, Status.OUT_OF_SERVICE, new Status("DEGRADED"), Status.UP}) {
                healthSwitch.status = status;
                Reply reply = send("GET", "/actuator/health", Map.of(), null);
                assertThat(JSON.readTree(reply.body).path("status").asText()).isEqualTo(status.getCode());
                answers.put(status, reply.status);
            }
            assertThat(answers.values()).containsExactly(503, 503, 200, 200);

            // while starting (or stopping), the application refuses traffic: OUT_OF_SERVICE, and so 503
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            Reply starting = send("GET", "/actuator/health", Map.of(), null);
            assertThat(starting.status).isEqualTo(503);
            assertThat(JSON.readTree(starting.body).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        } finally {
            healthSwitch.status = Status.UP;
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    /** A health contributor the test switches, to see how each status is answered. */
    static final class HealthSwitch implements HealthIndicator {

        volatile Status status = Status.UP;

        @Override
        public Health health() {
            return Health.status(status).build();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class HealthSwitchConfiguration {

        @Bean
        HealthSwitch testSwitchHealthIndicator() {
            return new HealthSwitch();
        }
    }

    /** One HTTP/1.1 exchange over a socket, so that nothing a client library would refuse is left untested. */
    private Reply send(String method, String target, Map<String, String> headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (target.startsWith("/api/") || target.startsWith("/actuator/")) {
            request.append("Authorization: ").append(AdminApi.authorization()).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
            } catch (IOException refusedEarly) {
                // Tomcat may answer and close before it read a large request whole: the answer is still there
            }
            InputStream in = socket.getInputStream();
            return Reply.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Reply(int status, Map<String, String> headers, String body) {

        static Reply parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        JsonNode problem(int expectedStatus, String code) throws IOException {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("code").asText()).isEqualTo(code);
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(problem.path("instance").asText()).startsWith("urn:uuid:");
            assertThat(body).doesNotContain("Jane", "<html");
            return problem;
        }

        JsonNode outcome(int expectedStatus, String issueType) throws IOException {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/fhir+json");
            JsonNode outcome = JSON.readTree(body);
            assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
            JsonNode issue = outcome.path("issue").path(0);
            assertThat(issue.path("code").asText()).isEqualTo(issueType);
            assertThat(body).doesNotContain("Jane", "<html");
            return issue;
        }
    }
}
