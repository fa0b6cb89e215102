package org.referralbridge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralBridgeAuditEvent;
import org.referralbridge.conformance.ValidationReport;
import org.referralbridge.server.Conformance;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.web.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

@IntegrationTest
class AuditTrailIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    RestClient api;

    @BeforeEach
    void connect() {
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin-password"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @Test
    void recordsAnEnrolmentOnceWithItsPatientAddressAndCaller() {
        String patientId = new Ehr(fhirContext, port).create(Patients.existing("Audited"));

        enrol(patientId);
        enrol(patientId);

        List<Map<String, Object>> rows = rows("resource=Patient/" + patientId);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row)
                    .containsEntry("action", "advocate.enrolled")
                    .containsEntry("resourceIds", List.of("Patient/" + patientId))
                    .containsEntry("outcome", "success")
                    .containsEntry("address", "127.0.0.1");
            assertCaller(row);
        });
    }

    @Test
    void recordsTheSignedInPersonAndTheRolesTheyHold() {
        String patientId = new Ehr(fhirContext, port).create(Patients.existing("SignedIn"));
        long dead = deadLetter("inbox");

        enrol(patientId, "frontdesk.maria", Roles.FRONT_DESK);
        api.post()
                .uri("/api/queues/inbox/dead-letters/{id}/replay", dead)
                .headers(signedIn("it.sam", Roles.CLINIC_IT + "," + Roles.AUDITOR))
                .retrieve()
                .toBodilessEntity();

        assertThat(rows("resource=Patient/" + patientId + "&actor=frontdesk.maria"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("roles", List.of(Roles.FRONT_DESK)));
        assertThat(rows("resource=inbox/" + dead + "&actor=it.sam"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("action", "dead-letter.replayed")
                        .containsEntry("roles", List.of(Roles.CLINIC_IT, Roles.AUDITOR)));
    }

    @Test
    void recordsAReplayedDeadLetterAndARefusedReplay() {
        long dead = deadLetter("outbox");
        long done = item("outbox", "done");

        ResponseEntity<Map<String, Object>> replayed = replay("outbox", dead);
        ResponseEntity<Map<String, Object>> refused = replay("outbox", done);

        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        assertThat(refused.getStatusCode().value()).isEqualTo(404);
        assertThat(rows("resource=outbox/" + dead))
                .extracting(row -> row.get("action"), row -> row.get("outcome"))
                .containsExactly(tuple("dead-letter.replayed", "success"));
        assertThat(rows("resource=outbox/" + done))
                .extracting(row -> row.get("action"), row -> row.get("outcome"))
                .containsExactly(tuple("dead-letter.replayed", "failure"));
        assertThat(rows("action=dead-letter.replayed&outcome=failure&resource=outbox/" + done))
                .hasSize(1);
    }

    @Test
    void recordsASubscriptionsCheckTriggeredByHand() {
        Instant before = Instant.now();

        api.post().uri("/api/ehr/subscriptions/check").retrieve().toBodilessEntity();

        assertThat(rows("action=subscriptions.checked&from=" + before))
                .singleElement()
                .satisfies(row -> {
                    assertThat((List<?>) row.get("resourceIds"))
                            .isNotEmpty()
                            .allSatisfy(id -> assertThat((String) id).startsWith("Subscription/"));
                    assertCaller(row);
                });
    }

    @Test
    void recordsAChangeRolledBackAsFailedAndAChangeOutsideARequestAsTheSystems() {
        transactions.executeWithoutResult(status -> {
            events.publishEvent(ChangeMade.succeeded(AuditAction.ADVOCATE_ENROLLED, "Patient/rolled-back"));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status ->
                events.publishEvent(ChangeMade.succeeded(AuditAction.ADVOCATE_ENROLLED, "Patient/committed")));

        assertThat(rows("resource=Patient/rolled-back"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("outcome", "failure")
                        .containsEntry("actor", Actor.SYSTEM)
                        .containsEntry("roles", List.of())
                        .containsEntry("address", null));
        assertThat(rows("resource=Patient/committed"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("outcome", "success"));
    }

    @Test
    void filtersByActionTimeAndOutcomeAndPagesNewestFirst() {
        Instant start = Instant.now();
        for (int i = 0; i < 3; i++) {
            events.publishEvent(ChangeMade.succeeded(AuditAction.DEAD_LETTER_REPLAYED, "inbox/" + (9000 + i)));
        }
        events.publishEvent(ChangeMade.failed(AuditAction.DEAD_LETTER_REPLAYED, "inbox/9100"));
        Instant end = Instant.now().plusSeconds(1);
        String window = "action=dead-letter.replayed&from=" + start + "&to=" + end;

        Map<String, Object> page = page(window + "&outcome=success&size=2&page=0");
        Map<String, Object> next = page(window + "&outcome=success&size=2&page=1");

        assertThat(page).containsEntry("total", 3).containsEntry("size", 2);
        assertThat(items(page))
                .extracting(row -> row.get("resourceIds"))
                .containsExactly(List.of("inbox/9002"), List.of("inbox/9001"));
        assertThat(items(next)).extracting(row -> row.get("resourceIds")).containsExactly(List.of("inbox/9000"));
        assertThat(items(page(window + "&outcome=failure")))
                .extracting(row -> row.get("resourceIds"))
                .containsExactly(List.of("inbox/9100"));
        assertThat(items(page("resource=inbox/9000&to=" + start))).isEmpty();
    }

    @Test
    void refusesParametersOutOfRangeOrForm() {
        assertInvalid("size=501", "size");
        assertInvalid("size=0", "size");
        assertInvalid("page=-1", "page");
        assertInvalid("page=x", "page");
        assertInvalid("from=yesterday", "from");
        assertInvalid("to=2026-12-01", "to");
        assertInvalid("outcome=maybe", "outcome");
    }

    @Test
    void exportsEveryRowAsAnAuditEventOfTheProfile() {
        String patientId = new Ehr(fhirContext, port).create(Patients.existing("Exported"));
        enrol(patientId);
        replay("inbox", deadLetter("inbox"));
        replay("inbox", Long.MAX_VALUE);
        transactions.executeWithoutResult(status -> {
            events.publishEvent(
                    ChangeMade.succeeded(AuditAction.SUBSCRIPTIONS_CHECKED, "Subscription/1", "Subscription/2"));
            status.setRollbackOnly();
        });

        ResponseEntity<String> response =
                api.get().uri("/api/audit/fhir?size=500").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders()
                        .getContentType()
                        .isCompatibleWith(MediaType.parseMediaType("application/fhir+json")))
                .isTrue();
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, response.getBody());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getEntry()).hasSize(bundle.getTotal()).hasSizeGreaterThanOrEqualTo(4);
        ValidationReport whole = Conformance.validator(fhirContext).validate(response.getBody());
        assertThat(whole.errors()).as(whole.summary()).isEmpty();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            AuditEvent event = (AuditEvent) entry.getResource();
            assertThat(event.getMeta().hasProfile(ReferralBridgeAuditEvent.URL)).isTrue();
            ValidationReport report = Conformance.validator(fhirContext).validate(event);
            assertThat(report.errors()).as(report.summary()).isEmpty();
        }
        assertThat(bundle.getEntry())
                .extracting(entry ->
                        ((AuditEvent) entry.getResource()).getSubtypeFirstRep().getCode())
                .contains("advocate.enrolled", "dead-letter.replayed", "subscriptions.checked");
    }

    @Test
    void filtersTheFhirExportLikeTheRows() {
        events.publishEvent(ChangeMade.succeeded(AuditAction.DEAD_LETTER_REPLAYED, "inbox/4242"));

        String json =
                api.get().uri("/api/audit/fhir?resource=inbox/4242").retrieve().body(String.class);

        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, json);
        assertThat(bundle.getEntry()).singleElement().satisfies(entry -> {
            AuditEvent event = (AuditEvent) entry.getResource();
            assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
            assertThat(event.getEntityFirstRep().getWhat().getIdentifier().getValue())
                    .isEqualTo("inbox/4242");
        });
    }

    /**
     * Who the caller was: anonymous while the service takes no sign-in, the test user (holding every role) once it
     * does. Either way the roles are those the actor holds.
     */
    private static void assertCaller(Map<String, Object> row) {
        if (Actor.ANONYMOUS.equals(row.get("actor"))) {
            assertThat(row).containsEntry("roles", List.of());
        } else {
            assertThat(row)
                    .containsEntry("actor", "admin")
                    .containsEntry(
                            "roles", List.of(Roles.PROGRAM_ADMIN, Roles.CLINIC_IT, Roles.FRONT_DESK, Roles.AUDITOR));
        }
    }

    private void assertInvalid(String query, String parameter) {
        for (String path : List.of("/api/audit?", "/api/audit/fhir?")) {
            ResponseEntity<Map<String, Object>> response =
                    api.get().uri(path + query).retrieve().toEntity(new ParameterizedTypeReference<>() {});
            assertThat(response.getStatusCode().value()).as(path + query).isEqualTo(400);
            assertThat(response.getBody()).containsEntry("code", "RB-1003").containsEntry("parameter", parameter);
        }
    }

    private long deadLetter(String queue) {
        return item(queue, "dead");
    }

    /** An item of a kind no handler knows, straight into the queue's table with the given status. */
    private long item(String queue, String status) {
        Instant now = Instant.now();
        jdbc.sql("insert into " + queue + " (kind, status, attempts, available_at, created_at, last_error)"
                        + " values ('audit-test', ?, 5, ?, ?, 'gave up after 5 attempts')")
                .params(status, Timestamp.from(now), Timestamp.from(now))
                .update();
        return jdbc.sql("select max(id) from " + queue).query(Long.class).single();
    }

    private void enrol(String patientId) {
        enrol(patientId, null, null);
    }

    private void enrol(String patientId, String user, String roles) {
        api.post()
                .uri("/api/advocates")
                .headers(signedIn(user, roles))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId))
                .retrieve()
                .toBodilessEntity();
    }

    private static Consumer<HttpHeaders> signedIn(String user, String roles) {
        return headers -> {
            if (user != null) {
                headers.set(SignedInForTests.USER, user);
                headers.set(SignedInForTests.ROLES, roles);
            }
        };
    }

    private ResponseEntity<Map<String, Object>> replay(String queue, long id) {
        return api.post()
                .uri("/api/queues/{queue}/dead-letters/{id}/replay", queue, id)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    private List<Map<String, Object>> rows(String query) {
        return items(page(query + "&size=500"));
    }

    private Map<String, Object> page(String query) {
        ResponseEntity<Map<String, Object>> response =
                api.get().uri("/api/audit?" + query).retrieve().toEntity(new ParameterizedTypeReference<>() {});
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /**
     * Signs a request in as the user its test headers name, with the roles they list, the way any sign-in does for the
     * code behind it: through the request's principal and roles. It runs after every other filter (after Spring
     * Security's too, once there is one), so the service sees this user whoever else the request authenticated as.
     */
    @TestConfiguration
    static class SignedInForTests {

        static final String USER = "X-Test-User";
        static final String ROLES = "X-Test-Roles";

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> testSignIn() {
            FilterRegistrationBean<OncePerRequestFilter> registration =
                    new FilterRegistrationBean<>(new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(
                                HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                                throws ServletException, IOException {
                            String user = request.getHeader(USER);
                            chain.doFilter(user == null ? request : signedIn(request, user), response);
                        }
                    });
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            return registration;
        }

        private static HttpServletRequest signedIn(HttpServletRequest request, String user) {
            List<String> roles = List.of(request.getHeader(ROLES).split(","));
            return new HttpServletRequestWrapper(request) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> user;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return roles.contains(role);
                }
            };
        }
    }
}
