package org.referralbridge.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.web.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the running application, as the dispatcher maps it (so one added later is in the matrix without
 * anyone listing it), called three ways: anonymously (401), with a role it does not allow (403), and with one it
 * allows (neither). An endpoint that declares no rule fails the matrix, and
 * {@link #anEndpointWithoutADeclaredRuleFailsTheMatrix()} shows that it does.
 */
@IntegrationTest
class EndpointRoleMatrixIntegrationTests {

    static final List<String> ROLES = List.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR);
    private static final String PASSWORD = "matrix-password-1";
    /** The package of the staff app's page controllers. */
    private static final String STAFF_APP = "org.referralbridge.server.staff";
    /** The hidden CSRF field Spring Security adds to the staff app's forms. */
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void oneUserPerRole() {
        for (String role : ROLES) {
            AdminApi.client(port)
                    .post()
                    .uri("/api/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", user(role), "password", PASSWORD, "roles", List.of(role)))
                    .exchange((request, response) -> response.getStatusCode().value());
        }
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        assertThat(missingRules(controllers.getHandlerMethods())).isEmpty();
        assertThat(endpoints()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void anonymousCallersAreRefusedWrongRolesForbiddenAndTheRightRoleLetThrough() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            DeclaredRoles.Rule rule = endpoint.rule();
            if (endpoint.page()) {
                wrong.addAll(pageRefusals(endpoint));
                continue;
            }
            int anonymous = call(endpoint, null).statusCode();
            if (rule.anyone()) {
                HttpResponse<String> answer = call(endpoint, null);
                // another check guards it (the notification secret): what it answers is not a sign-in refusal
                if (answer.body().contains("RB-1006") || answer.body().contains("Sign-in required")) {
                    wrong.add(endpoint + " is open to anyone, yet refused an anonymous caller a sign-in");
                }
                continue;
            }
            if (anonymous != 401) {
                wrong.add(endpoint + " answered " + anonymous + " to an anonymous caller, not 401");
            }
            for (String role : ROLES) {
                int status = call(endpoint, role).statusCode();
                boolean allowed = rule.roles().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    wrong.add(endpoint + " refused " + role + ", which it allows, with " + status);
                }
                if (!allowed && status != 403) {
                    wrong.add(endpoint + " answered " + status + " to " + role + ", which it does not allow, not 403");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anEndpointWithoutADeclaredRuleFailsTheMatrix() throws Exception {
        Map<RequestMappingInfo, HandlerMethod> withUndeclared = new LinkedHashMap<>(controllers.getHandlerMethods());
        withUndeclared.put(
                RequestMappingInfo.paths("/api/forgotten").build(),
                new HandlerMethod(new Undeclared(), Undeclared.class.getDeclaredMethod("forgotten")));

        assertThat(missingRules(withUndeclared)).containsExactly("[GET] /api/forgotten (Undeclared.forgotten)");
    }

    @Test
    void healthAnswersAnyoneWithItsStatusAloneAndClinicItWithTheDetails() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health", null);
        HttpResponse<String> clinicIt = get("/actuator/health", Roles.CLINIC_IT);
        HttpResponse<String> frontDesk = get("/actuator/health", Roles.FRONT_DESK);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("components", "queues", "db");
        assertThat(frontDesk.body()).doesNotContain("components");
        assertThat(clinicIt.body()).contains("\"components\"", "\"queues\"", "\"ehrSubscriptions\"");
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAndThePrometheusScrapeNeedClinicIt() throws Exception {
        for (String path : List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/info", "/actuator")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, Roles.FRONT_DESK).statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, Roles.AUDITOR).statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, Roles.CLINIC_IT).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/actuator/prometheus", Roles.CLINIC_IT).body()).contains("referralbridge_queue_pending");
    }

    @Test
    void aReferralsHistoryIsForTheFrontDeskProgramAdminsAndAuditors() throws Exception {
        String history = "/api/referrals/00000000-0000-0000-0000-000000000000/history";

        assertThat(get(history, null).statusCode()).isEqualTo(401);
        assertThat(get(history, Roles.CLINIC_IT).statusCode()).isEqualTo(403);
        for (String role : List.of(Roles.FRONT_DESK, Roles.PROGRAM_ADMIN, Roles.AUDITOR)) {
            HttpResponse<String> unknown = get(history, role);
            assertThat(unknown.statusCode()).as(role).isEqualTo(404);
            assertThat(unknown.body()).as(role).contains("RB-1109");
        }
    }

    @Test
    void theMonthlyMeasureReportTriggerIsForProgramAdminsAlone() throws Exception {
        Endpoint trigger = endpoints().stream()
                .filter(e -> e.method().equals("POST") && e.path().equals("/api/reports/measure-report/ehr"))
                .findFirst()
                .orElseThrow();
        assertThat(trigger.rule().roles()).containsExactly(Roles.PROGRAM_ADMIN);

        assertThat(call(trigger, null).statusCode()).isEqualTo(401);
        for (String role : List.of(Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR)) {
            assertThat(call(trigger, role).statusCode()).as(role).isEqualTo(403);
        }
        // let through, and refused for what it lacks: the month
        HttpResponse<String> admin = call(trigger, Roles.PROGRAM_ADMIN);
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.body()).contains("RB-2501", "\"parameter\":\"month\"");
    }

    @Test
    void refusalsAreProblemsThatNameNeitherTheUserNorTheRole() throws Exception {
        HttpResponse<String> anonymous = get("/api/referrals", null);
        HttpResponse<String> wrongPassword = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals"))
                        .header("Authorization", basic(user(Roles.FRONT_DESK), "not-the-password"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forbidden = get("/api/queues", Roles.FRONT_DESK);

        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(anonymous.body()).contains("\"code\":\"RB-1006\"");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("\"code\":\"RB-1006\"").doesNotContain(user(Roles.FRONT_DESK));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":\"RB-1007\"").doesNotContain("clinic-it", "front-desk");
    }

    /** Every controller endpoint (path × method) with its rule. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        controllers.getHandlerMethods().forEach((info, handler) -> {
            DeclaredRoles.Rule rule = DeclaredRoles.ruleOf(handler).orElseThrow();
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
            }
            for (String path : info.getPatternValues()) {
                if (path.equals("/error")) {
                    continue; // the container's error dispatch: anyone, checked by WebEdgeIntegrationTests
                }
                boolean page = handler.getBeanType().getPackageName().startsWith(STAFF_APP);
                for (String method : methods) {
                    endpoints.add(new Endpoint(method, path.replaceAll("\\{[^}]+}", "x1"), rule, page));
                }
            }
        });
        return endpoints;
    }

    /** The endpoints (as {@code [METHODS] path (Class.method)}) that declare no rule. */
    static List<String> missingRules(Map<RequestMappingInfo, HandlerMethod> handlers) {
        List<String> missing = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            if (DeclaredRoles.ruleOf(handler).isEmpty()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                missing.add((methods.isEmpty() ? "[GET]" : methods.toString()) + " "
                        + String.join(",", info.getPatternValues()) + " ("
                        + handler.getBeanType().getSimpleName() + "."
                        + handler.getMethod().getName() + ")");
            }
        });
        return missing;
    }

    private HttpResponse<String> call(Endpoint endpoint, String role) throws Exception {
        return call(endpoint, role, "application/json");
    }

    /**
     * A staff page as a browser asks for it (Accept text/html, the form's CSRF token with its session): an anonymous
     * caller is sent to the sign-in page, a wrong role gets the 403 page, the right role gets the page.
     */
    private List<String> pageRefusals(Endpoint endpoint) throws Exception {
        List<String> wrong = new ArrayList<>();
        if (endpoint.rule().anyone()) {
            return wrong;
        }
        HttpResponse<String> anonymous = pageCall(endpoint, null);
        if (anonymous.statusCode() != 302
                || !anonymous.headers().firstValue("Location").orElse("").endsWith("/login")) {
            wrong.add(endpoint + " answered " + anonymous.statusCode() + " to an anonymous browser, not a redirect"
                    + " to the sign-in page");
        }
        for (String role : ROLES) {
            HttpResponse<String> answer = pageCall(endpoint, role);
            boolean allowed = endpoint.rule().roles().contains(role);
            if (allowed && (answer.statusCode() == 401 || answer.statusCode() == 403)) {
                wrong.add(endpoint + " refused " + role + ", which it allows, with " + answer.statusCode());
            }
            if (!allowed && (answer.statusCode() != 403 || !answer.body().contains("not available to you"))) {
                wrong.add(endpoint + " answered " + answer.statusCode() + " to " + role
                        + ", which it does not allow, not the 403 page");
            }
        }
        return wrong;
    }

    private HttpResponse<String> pageCall(Endpoint endpoint, String role) throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher token = CSRF_FIELD.matcher(form);
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .header("Accept", "text/html")
                .header("X-CSRF-TOKEN", token.group(1));
        if (Set.of("POST", "PUT", "PATCH", "DELETE").contains(endpoint.method())) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(""));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (role != null) {
            request.header("Authorization", basic(user(role), PASSWORD));
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(Endpoint endpoint, String role, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .header("Accept", accept);
        if (Set.of("POST", "PUT", "PATCH").contains(endpoint.method())) {
            request.header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (role != null) {
            request.header("Authorization", basic(user(role), PASSWORD));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        return call(new Endpoint("GET", path, null, false), role, "*/*");
    }

    private static String user(String role) {
        return "only-" + role;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @param page a staff app page (answers browsers: redirects to sign-in, a 403 page) rather than an API call */
    record Endpoint(String method, String path, DeclaredRoles.Rule rule, boolean page) {
        @Override
        public String toString() {
            return method + " " + path + " (" + rule + ")";
        }
    }

    /** A controller someone forgot to declare roles on. */
    static class Undeclared {
        @GetMapping("/api/forgotten")
        String forgotten() {
            return "open?";
        }
    }
}
