package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Notifications;
import org.referralbridge.server.Patients;
import org.referralbridge.server.audit.ChangeMade;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Rotating the notification secret while the sandbox EHR keeps sending real rest-hook notifications: add the new
 * secret, switch to it (the Subscriptions are re-registered with it), remove the old one. The catch-up poller is
 * held off, so a notification refused during the rotation would be missing for good.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "referralbridge.catch-up.interval=1h",
            "referralbridge.notify.secrets-check=1h",
            // the test profile's one secret: a secrets file replaces it
            "referralbridge.notify.secret="
        })
class NotifySecretRotationIntegrationTests {

    private static final String OLD = "old-secret-4f1d9a";
    private static final String NEW = "new-secret-8c2e7b";
    private static final Path SECRETS = secretsFile(OLD);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("referralbridge.notify.secrets-file", SECRETS::toString);
    }

    /** The changes the application published, as the audit module receives them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Changes {

        final List<ChangeMade> made = new CopyOnWriteArrayList<>();

        @EventListener
        void record(ChangeMade change) {
            made.add(change);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Changes changes;

    @Autowired
    NotifySecretRotation rotation;

    Ehr ehr;
    Notifications notifications;
    RestClient api;
    ExecutorService producer;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        notifications = new Notifications(port);
        api = RestClient.builder()
                .baseUrl("http://localhost:" + port + "/api/ehr/notify-secrets")
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "test-admin-password"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        producer = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopProducing() {
        producer.shutdownNow();
    }

    @Test
    void rotatingTheSecretLosesNoNotificationAndRetiresTheOldOne() throws Exception {
        write(OLD);
        int changesBefore = changes.made.size();
        assertThat(reload()).containsEntry("activeSecrets", 1);
        assertThat(headersOnTheEhr()).containsOnly(header(OLD));
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicBoolean producing = new AtomicBoolean(true);
        Future<?> patients = producer.submit(() -> {
            for (int i = 0; i < 500 && producing.get(); i++) {
                created.add(ehr.create(Patients.existing("Rotation" + i)));
            }
        });
        awaitMoreCreated(created, 0);

        // 1. add the new secret: both are accepted, the Subscriptions still carry the old one
        write(OLD, NEW);
        Map<String, Object> added = reload();
        assertThat(added)
                .containsEntry("activeSecrets", 2)
                .containsEntry("secretsChanged", true)
                .containsEntry("currentChanged", false)
                .containsEntry("subscriptionsReregistered", 0);
        assertThat(pushedWith(OLD)).isEqualTo(200);
        assertThat(pushedWith(NEW)).isEqualTo(200);
        awaitMoreCreated(created, created.size());

        // 2. switch: the new one is current, the Subscriptions are re-registered with it, the old one still works
        write(NEW, OLD);
        Map<String, Object> switched = reload();
        assertThat(switched)
                .containsEntry("activeSecrets", 2)
                .containsEntry("currentChanged", true)
                .containsEntry("subscriptionsReregistered", EhrSubscriptions.CRITERIA.size());
        assertThat(headersOnTheEhr()).containsOnly(header(NEW));
        assertThat(switched.toString()).doesNotContain(OLD, NEW);
        awaitMoreCreated(created, created.size());
        // the old secret may go once the EHR no longer sends it: every notification sent so far has arrived
        Set<String> beforeRemoval = Set.copyOf(created);
        await().atMost(WAIT).until(() -> processedPatients().containsAll(beforeRemoval));

        // 3. remove the old one
        write(NEW);
        Map<String, Object> removed = reload();
        assertThat(removed).containsEntry("activeSecrets", 1).containsEntry("currentChanged", false);
        awaitMoreCreated(created, created.size());
        producing.set(false);
        patients.get();

        await().atMost(WAIT).untilAsserted(() -> assertThat(processedPatients()).containsAll(created));
        assertThat(created).hasSizeGreaterThanOrEqualTo(20);
        assertThat(count("select count(*) from inbox where kind = 'catch-up'")).isZero();
        assertThat(pushedWith(OLD)).isEqualTo(401);
        assertThat(pushedWith(NEW)).isEqualTo(200);
        List<String> subscriptionIds = ehrSubscriptions().stream()
                .map(subscription ->
                        "Subscription/" + subscription.getIdElement().getIdPart())
                .toList();
        // one for each reload: the test's four, the same Subscriptions each time
        assertThat(changes.made.subList(changesBefore, changes.made.size()))
                .filteredOn(change -> change.action().equals(NotifySecretRotation.ACTION))
                .hasSize(4)
                .allSatisfy(change -> {
                    assertThat(change.succeeded()).isTrue();
                    assertThat(change.resourceIds()).containsExactlyInAnyOrderElementsOf(subscriptionIds);
                });
    }

    @Test
    void aChangedFileTakesEffectWithoutAReloadAndABrokenOneChangesNothing() throws Exception {
        write("file-secret-1");
        rotation.reloadIfChanged();
        assertThat(headersOnTheEhr()).containsOnly(header("file-secret-1"));

        write("file-secret-2", "file-secret-1");
        rotation.reloadIfChanged();
        assertThat(headersOnTheEhr()).containsOnly(header("file-secret-2"));
        assertThat(pushedWith("file-secret-1")).isEqualTo(200);

        write("  ", "");
        ResponseEntity<Map<String, Object>> broken =
                api.post().uri("/reload").retrieve().toEntity(new ParameterizedTypeReference<>() {});
        rotation.reloadIfChanged();

        assertThat(broken.getStatusCode().value()).isEqualTo(422);
        assertThat(broken.getBody())
                .containsEntry("code", "RB-2201")
                .hasEntrySatisfying(
                        "detail",
                        detail -> assertThat((String) detail)
                                .contains("referralbridge.notify.secrets-file", "holds no secret", "kept"));
        assertThat(pushedWith("file-secret-2")).isEqualTo(200);
        assertThat(pushedWith("file-secret-1")).isEqualTo(200);
        assertThat(headersOnTheEhr()).containsOnly(header("file-secret-2"));
        Map<String, Object> usage = api.get().retrieve().body(new ParameterizedTypeReference<>() {});
        assertThat(usage).containsEntry("source", "FILE");
        assertThat(usage.toString()).doesNotContain("file-secret");
        assertThat(changes.made).anySatisfy(change -> {
            assertThat(change.action()).isEqualTo(NotifySecretRotation.ACTION);
            assertThat(change.succeeded()).isFalse();
        });
    }

    private Map<String, Object> reload() {
        ResponseEntity<Map<String, Object>> response =
                api.post().uri("/reload").retrieve().toEntity(new ParameterizedTypeReference<>() {});
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    /** Waits until the producer has created a few more patients than {@code seen}, so each step overlaps them. */
    private static void awaitMoreCreated(Set<String> created, int seen) {
        await().atMost(WAIT).until(() -> created.size() >= seen + 5);
    }

    private int pushedWith(String secret) throws Exception {
        String id = "rotation-probe-" + Math.abs(secret.hashCode() % 1000) + "-" + System.nanoTime();
        Patient patient = Patients.existing("Probe");
        patient.setId(id);
        return notifications
                .pushed("/Patient/" + id, fhirContext.newJsonParser().encodeResourceToString(patient), secret, null)
                .statusCode();
    }

    private Set<String> processedPatients() {
        return new HashSet<>(jdbc.sql("select resource_id from inbox where kind = 'resource-changed'"
                        + " and resource_type = 'Patient' and status = 'done'")
                .query(String.class)
                .list());
    }

    private List<Subscription> ehrSubscriptions() {
        return ehr
                .client()
                .search()
                .forResource(Subscription.class)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(entry -> (Subscription) entry.getResource())
                .toList();
    }

    private Set<String> headersOnTheEhr() {
        Set<String> headers = new HashSet<>();
        for (Subscription subscription : ehrSubscriptions()) {
            subscription.getChannel().getHeader().stream()
                    .map(StringType::getValue)
                    .forEach(headers::add);
        }
        return headers;
    }

    private static String header(String secret) {
        return Notifications.SECRET_HEADER + ": " + secret;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Written to a temporary file and moved over the old one, so a reload never reads half a file. */
    private static void write(String... lines) {
        try {
            Path next = Files.createTempFile(SECRETS.getParent(), "notify-secrets", ".tmp");
            Files.write(next, List.of(lines));
            Files.move(next, SECRETS, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path secretsFile(String secret) {
        try {
            Path file = Files.createTempFile("notify-secrets", ".txt");
            Files.writeString(file, secret + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
