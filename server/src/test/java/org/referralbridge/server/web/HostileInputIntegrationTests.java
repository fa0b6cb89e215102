package org.referralbridge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.sandbox.SandboxEhr;
import org.referralbridge.server.web.HostileCorpus.Case;
import org.referralbridge.server.web.RawHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.yaml}, listed in docs/hostile-input.md) against
 * the running application over real HTTP: each case gets the 4xx it expects with a body that names the problem (a
 * problem with code and detail, or an OperationOutcome with diagnostics), never a stack trace, an exception's class
 * name or HTML, and stores nothing (no row in any table of the schema, no resource in the sandbox EHR). Afterwards the
 * service is healthy and still takes a normal notification.
 */
@IntegrationTest
// no catch-up search while the cases run: the row counts before and after each case are the requests' doing alone
@TestPropertySource(properties = "referralbridge.catch-up.interval=1h")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIntegrationTests {

    static final String DOC = "docs/hostile-input.md";
    static final String TABLE_START =
            "<!-- corpus table: generated from server/src/test/resources/hostile/corpus.yaml -->";
    static final String TABLE_END = "<!-- end of corpus table -->";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = AdminApi.authorization();
    private static final List<Class<? extends IBaseResource>> SANDBOX_TYPES = List.of(
            Patient.class,
            Encounter.class,
            Consent.class,
            Coverage.class,
            QuestionnaireResponse.class,
            Questionnaire.class,
            RelatedPerson.class,
            Practitioner.class,
            Organization.class,
            Basic.class,
            Task.class,
            Provenance.class,
            Flag.class,
            Subscription.class);
    /** What leaks of an implementation: a stack frame, an exception's class name, a package name. */
    private static final List<String> LEAKS =
            List.of("Exception", "at org.", "at java.", "java.", "ca.uhn.", "org.springframework", "org.apache");
    /** An HTML (or XML) tag, which no error body here should hold. */
    private static final Pattern TAG = Pattern.compile("<[A-Za-z!/?]");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SandboxEhr sandbox;

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyCaseIsRefusedWithA4xxThatNamesTheProblemAndStoresNothing() {
        RawHttp http = new RawHttp(port);
        return HostileCorpus.load().stream()
                .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.what(), () -> {
                    Map<String, Long> before = stored();
                    Reply reply = http.send(c.method(), c.target(), headers(c), c.bodyBytes());
                    SoftAssertions softly = new SoftAssertions();
                    checkAnswer(softly, c, reply);
                    softly.assertThat(stored())
                            .as("%s: rows and sandbox resources after", c.id())
                            .isEqualTo(before);
                    softly.assertAll();
                }));
    }

    @Test
    @Order(2)
    void theServiceIsHealthyAndTakesANormalNotificationAfterwards() throws Exception {
        RawHttp http = new RawHttp(port);
        Reply health = http.send("GET", "/actuator/health", Map.of(), null);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isIn("UP", "DEGRADED");

        Reply notified = http.send(
                "PUT",
                "/fhir/notify/Patient/hostile-after-1",
                Map.of("Content-Type", "application/fhir+json", Notifications.SECRET_HEADER, Notifications.SECRET),
                "{\"resourceType\":\"Patient\",\"id\":\"hostile-after-1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(notified.status()).isEqualTo(200);
    }

    @Test
    void everyCaseOnTheApiOrTheActuatorSendsTheAdminCredentials() {
        for (Case c : HostileCorpus.load()) {
            boolean guarded = c.path().startsWith("/api")
                    || (c.path().startsWith("/actuator") && !c.path().startsWith("/actuator/health"));
            assertThat(c.auth()).as("auth of %s", c.id()).isEqualTo(guarded ? "admin" : "none");
        }
    }

    @Test
    void theCorpusHasSixtyCasesOrMoreWithUniqueIds() {
        List<String> ids = HostileCorpus.load().stream().map(Case::id).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    }

    /** The table in docs/hostile-input.md is the corpus's: a case added, changed or removed fails here until it is. */
    @Test
    void theDocumentListsEveryCaseOfTheCorpus() throws IOException {
        Path doc = projectFile(DOC);
        String text = Files.readString(doc);
        String table = table(HostileCorpus.load());
        if (Boolean.getBoolean("hostile.writeDoc")) {
            text = text.substring(0, text.indexOf(TABLE_START) + TABLE_START.length()) + "\n" + table
                    + text.substring(text.indexOf(TABLE_END));
            Files.writeString(doc, text);
        }
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertThat(start).as("%s has the marker %s", DOC, TABLE_START).isNotNegative();
        assertThat(end).as("%s has the marker %s", DOC, TABLE_END).isGreaterThan(start);
        assertThat(text.substring(start + TABLE_START.length(), end).strip())
                .as("the table in %s (regenerate it with -Dhostile.writeDoc=true)", DOC)
                .isEqualTo(table.strip());
    }

    static String table(List<Case> cases) {
        StringBuilder table = new StringBuilder("| Id | What | Expected |\n|---|---|---|\n");
        for (Case c : cases) {
            table.append("| `")
                    .append(c.id())
                    .append("` | ")
                    .append(c.method())
                    .append(" `")
                    .append(c.path().replace("|", "\\|"))
                    .append("`: ")
                    .append(c.what().replace("|", "\\|"))
                    .append(" | ")
                    .append(c.expected())
                    .append(" |\n");
        }
        return table.toString();
    }

    private void checkAnswer(SoftAssertions softly, Case c, Reply reply) {
        softly.assertThat(reply.status())
                .as("%s: status (body %s)", c.id(), abbreviated(reply.body()))
                .isIn(c.expect());
        String body = reply.body();
        for (String leak : LEAKS) {
            softly.assertThat(body).as("%s: the body holds no %s", c.id(), leak).doesNotContain(leak);
        }
        softly.assertThat(TAG.matcher(body).find())
                .as("%s: the body holds a tag: %s", c.id(), abbreviated(body))
                .isFalse();
        softly.assertThat(body)
                .as("%s: the body holds no file contents and no credentials", c.id())
                .doesNotContain("root:", Notifications.SECRET, AdminApi.PASSWORD, ADMIN.substring(6));
        softly.assertThat(reply.headers()).as("%s: no header injected", c.id()).doesNotContainKey("x-injected");
        for (String mention : c.mentions()) {
            softly.assertThat(body.toLowerCase(Locale.ROOT))
                    .as("%s: the body mentions %s (body %s)", c.id(), mention, abbreviated(body))
                    .contains(mention.toLowerCase(Locale.ROOT));
        }
        softly.assertThat(reply.contentType().toLowerCase(Locale.ROOT))
                .as("%s: content type", c.id())
                .matches(
                        t -> t.startsWith("application/problem+json") || t.startsWith("application/fhir+json"),
                        "problem+json or fhir+json");
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            softly.fail("%s: the body is not JSON: %s", c.id(), abbreviated(body));
            return;
        }
        if ("OperationOutcome".equals(json.path("resourceType").asText())) {
            softly.assertThat(json.path("issue").path(0).path("diagnostics").asText())
                    .as("%s: the OperationOutcome's diagnostics", c.id())
                    .isNotBlank();
        } else {
            softly.assertThat(json.path("code").asText())
                    .as("%s: the problem's code", c.id())
                    .matches("RB-\\d{4}");
            softly.assertThat(json.path("detail").asText())
                    .as("%s: the problem's detail", c.id())
                    .isNotBlank();
        }
    }

    private static Map<String, String> headers(Case c) {
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        if (c.auth().equals("admin")) {
            headers.put("Authorization", ADMIN);
        }
        if (c.secret()) {
            headers.put(Notifications.SECRET_HEADER, Notifications.SECRET);
        }
        return headers;
    }

    /** The rows of every table of the application's schema, and what the sandbox EHR stored through its API. */
    private Map<String, Long> stored() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables"
                        + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")
                .query(String.class)
                .list();
        assertThat(tables).contains("inbox", "outbox", "referral", "advocate");
        for (String table : tables) {
            if (table.startsWith("audit_entry")) {
                // a refused attempt (replaying what is no dead letter) is recorded as failed, by design
                continue;
            }
            counts.put(
                    table,
                    jdbc.sql("select count(*) from \"" + table + "\"")
                            .query(Long.class)
                            .single());
        }
        for (Class<? extends IBaseResource> type : SANDBOX_TYPES) {
            counts.put("sandbox " + type.getSimpleName(), sandbox.createCount(type) + sandbox.updateCount(type));
        }
        return counts;
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    static Path projectFile(String relative) {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException(relative + " not found; looked at " + tried);
    }
}
