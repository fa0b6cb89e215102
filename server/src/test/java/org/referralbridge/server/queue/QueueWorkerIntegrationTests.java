package org.referralbridge.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workers on the real PostgreSQL: leases renewed while a slow handler works and fenced by the claim token,
 * workers that survive Errors without leaking circuit-breaker permissions, and stored reasons free of PHI.
 */
class QueueWorkerIntegrationTests {

    private static final String FAKE_PATIENT = "Jane Fakename-Testperson";

    private static DataSource dataSource;
    private final List<QueueWorker> started = new ArrayList<>();
    private JdbcClient jdbc;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migratedSchema(QueueWorkerIntegrationTests.class);
    }

    @BeforeEach
    void emptyQueue() {
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("delete from inbox").update();
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(QueueWorker::stop);
    }

    @Test
    void aHandlerSlowerThanTheLeaseRunsOnceThoughASecondWorkerIsPolling() throws Exception {
        enqueue("slow");
        Duration lease = Duration.ofMillis(300);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        WorkHandler slow = item -> {
            calls.incrementAndGet();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        QueueWorker first = start(slow, settings(lease, 3), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        OffsetDateTime firstLeaseEnd = availableAt();
        QueueWorker second = start(slow, settings(lease, 3), null);

        // the lease has been renewed past two more leases: the first one ran out long ago while the second worker
        // polled every 20 ms
        await().atMost(Duration.ofSeconds(10))
                .until(() -> availableAt().isAfter(firstLeaseEnd.plus(lease.multipliedBy(3))));
        finish.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.handledCount() + second.handledCount() == 1);

        assertThat(calls.get()).isEqualTo(1);
        assertThat(status()).containsExactly("slow:done:1");
        assertThat(first.lostClaimCount() + second.lostClaimCount()).isZero();
    }

    @Test
    void aWorkerThatLostItsClaimRecordsNothingAndCountsTheLoss() throws Exception {
        enqueue("stolen");
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        WorkHandler slow = item -> {
            working.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        QueueWorker late = start(slow, settings(Duration.ofMinutes(1), 3), null);
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        // its lease ran out (a long pause, say) and another instance claimed the item and scheduled a retry
        jdbc.sql("update inbox set available_at = now() - interval '1 second'").update();
        WorkQueue other = queue();
        WorkItem taken = other.claim(1, Duration.ofMinutes(1)).get(0);
        assertThat(other.retry(taken, Duration.ofHours(1), "EhrUnavailable: HTTP 503"))
                .isTrue();

        finish.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> late.lostClaimCount() == 1);

        assertThat(late.handledCount()).isZero();
        assertThat(jdbc.sql("select status || ':' || attempts || ':' || last_error from inbox")
                        .query(String.class)
                        .single())
                .isEqualTo("pending:2:EhrUnavailable: HTTP 503");
    }

    @Test
    void aWorkerSurvivesErrorsRetriesTheItemsAndGivesTheBreakersPermissionBack() throws Exception {
        enqueue("assertion");
        enqueue("overflow");
        enqueue("out-of-memory");
        enqueue("ok");
        // half-open with one permitted call: a permission that is never given back stops the worker for good
        CircuitBreaker breaker = CircuitBreaker.of(
                "ehr",
                CircuitBreakerConfig.custom()
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .waitDurationInOpenState(Duration.ofMinutes(10))
                        .build());
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        WorkHandler buggy = item -> {
            if (item.attempts() == 1) {
                switch (item.payload()) {
                    case "assertion" -> throw new AssertionError("unexpected " + FAKE_PATIENT);
                    case "overflow" -> throw new StackOverflowError();
                    case "out-of-memory" -> throw new OutOfMemoryError("simulated");
                    default -> {}
                }
            }
        };
        QueueWorker worker = start(buggy, settings(Duration.ofMinutes(1), 3), breaker);

        await().atMost(Duration.ofSeconds(20)).until(() -> worker.handledCount() == 4);

        assertThat(worker.errorCount()).isEqualTo(3);
        assertThat(worker.retriedCount()).isEqualTo(3);
        assertThat(status())
                .containsExactly("assertion:done:2", "ok:done:1", "out-of-memory:done:2", "overflow:done:2");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aWorkerSurvivesAnErrorOutsideTheHandler() throws Exception {
        enqueue("after");
        AtomicInteger claims = new AtomicInteger();
        WorkQueue failsOnce =
                new WorkQueue(
                        "inbox",
                        jdbc,
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                        Clock.systemUTC()) {
                    @Override
                    public List<WorkItem> claim(int max, Duration lease) {
                        if (claims.incrementAndGet() == 1) {
                            throw new NoClassDefFoundError("simulated");
                        }
                        return super.claim(max, lease);
                    }
                };
        QueueWorker worker = new QueueWorker(failsOnce, item -> {}, settings(Duration.ofMinutes(1), 3));
        started.add(worker);
        worker.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> worker.handledCount() == 1);

        assertThat(worker.errorCount()).isEqualTo(1);
        assertThat(status()).containsExactly("after:done:1");
    }

    @Test
    void storedErrorsAndTheDeadLetterApiKeepNoThirdPartyMessage() throws Exception {
        enqueue("plain");
        enqueue("fhir-server");
        enqueue("ours");
        WorkHandler leaky = item -> {
            switch (item.payload()) {
                case "plain" -> throw new IllegalStateException("cannot parse name '" + FAKE_PATIENT + "'");
                case "fhir-server" -> throw new UnprocessableEntityException("Patient.name " + FAKE_PATIENT);
                default -> throw new PermanentFailure("EHR rejected Patient/1: HTTP 422", null);
            }
        };
        QueueWorker worker = start(leaky, settings(Duration.ofMinutes(1), 1), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.handledCount() == 3);

        List<QueueController.DeadLetter> deadLetters = new QueueController(
                        List.of(queue()), new QueueOperations(List.of(queue()), event -> {}))
                .deadLetters("inbox", 100);

        assertThat(deadLetters)
                .extracting(QueueController.DeadLetter::lastError)
                .containsExactlyInAnyOrder(
                        "gave up after 1 attempts: IllegalStateException",
                        "gave up after 1 attempts: UnprocessableEntityException (HTTP 422)",
                        "PermanentFailure: EHR rejected Patient/1: HTTP 422");
        assertThat(jdbc.sql("select last_error from inbox").query(String.class).list())
                .noneMatch(error -> error.contains("Fakename"));
    }

    private QueueWorker start(WorkHandler handler, WorkerSettings settings, CircuitBreaker breaker) {
        QueueWorker worker = new QueueWorker(queue(), handler, settings, breaker);
        started.add(worker);
        worker.start();
        return worker;
    }

    private static WorkerSettings settings(Duration lease, int maxAttempts) {
        return new WorkerSettings(
                1, 1, Duration.ofMillis(20), lease, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    private WorkQueue queue() {
        return new WorkQueue(
                "inbox",
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.systemUTC());
    }

    private void enqueue(String payload) {
        queue().enqueue(new NewWorkItem("test", "Patient", "1", null, payload, payload, null));
    }

    private OffsetDateTime availableAt() {
        return jdbc.sql("select available_at from inbox")
                .query(OffsetDateTime.class)
                .single();
    }

    private List<String> status() {
        return jdbc.sql("select payload || ':' || status || ':' || attempts from inbox order by payload")
                .query(String.class)
                .list();
    }
}
