package org.referralbridge.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.MovableClock;
import org.referralbridge.server.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue's promises on the real PostgreSQL: dedupe, collapsing, leases, skip-locked claims, dead letters. */
class WorkQueueIntegrationTests {

    private static DataSource dataSource;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private JdbcClient jdbc;
    private WorkQueue queue;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migratedSchema(WorkQueueIntegrationTests.class);
    }

    @BeforeEach
    void emptyQueue() {
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("delete from inbox").update();
        queue = inboxOn(clock);
    }

    @Test
    void dropsARepeatOfADedupeKeyEvenAfterItIsDone() {
        assertThat(queue.enqueue(item("Patient/1/_history/1", null))).isTrue();
        assertThat(queue.enqueue(item("Patient/1/_history/1", null))).isFalse();
        queue.complete(queue.claim(10, Duration.ofMinutes(1)).get(0));

        assertThat(queue.enqueue(item("Patient/1/_history/1", null))).isFalse();
        assertThat(queue.enqueue(item("Patient/1/_history/2", null))).isTrue();
    }

    @Test
    void collapsesPendingItemsWithOnePendingKeyButNotOnceClaimed() {
        assertThat(queue.enqueue(item(null, "Patient/1"))).isTrue();
        assertThat(queue.enqueue(item(null, "Patient/1"))).isFalse();

        queue.claim(10, Duration.ofMinutes(1));
        // the worker may already have read the EHR: a new request must not be lost in the claimed one
        assertThat(queue.enqueue(item(null, "Patient/1"))).isTrue();
    }

    @Test
    void hidesAClaimedItemUntilItsLeaseEnds() {
        queue.enqueue(item("a", null));
        WorkItem first = queue.claim(10, Duration.ofSeconds(30)).get(0);

        assertThat(queue.claim(10, Duration.ofSeconds(30))).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        List<WorkItem> again = queue.claim(10, Duration.ofSeconds(30));

        assertThat(again).extracting(WorkItem::id).containsExactly(first.id());
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(again.get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotOverwriteTheResultOfTheWorkerThatTookTheItem() {
        queue.enqueue(item("slow", null));
        WorkItem late = queue.claim(1, Duration.ofSeconds(30)).get(0);
        clock.advance(Duration.ofSeconds(31));
        WorkItem current = queue.claim(1, Duration.ofSeconds(30)).get(0);

        assertThat(queue.renew(late, Duration.ofSeconds(30))).as("renew").isFalse();
        assertThat(queue.retry(late, Duration.ofSeconds(1), "late")).as("retry").isFalse();
        assertThat(queue.complete(current)).isTrue();
        assertThat(queue.deadLetter(late, "late")).as("dead letter").isFalse();
        assertThat(queue.complete(late)).as("complete").isFalse();
        assertThat(queue.release(late)).as("release").isFalse();

        assertThat(jdbc.sql("select status || ':' || attempts || ':' || coalesce(last_error, '-') from inbox")
                        .query(String.class)
                        .single())
                .isEqualTo("done:2:-");
    }

    @Test
    void aLateWorkerCannotCompleteAnItemTheCurrentWorkerScheduledForRetry() {
        queue.enqueue(item("slow", null));
        WorkItem late = queue.claim(1, Duration.ofSeconds(30)).get(0);
        clock.advance(Duration.ofSeconds(31));
        WorkItem current = queue.claim(1, Duration.ofSeconds(30)).get(0);
        assertThat(queue.retry(current, Duration.ofSeconds(5), "EhrUnavailable: HTTP 503"))
                .isTrue();

        assertThat(queue.complete(late)).isFalse();
        assertThat(queue.find(late.id()).orElseThrow().lastError()).isEqualTo("EhrUnavailable: HTTP 503");
        assertThat(jdbc.sql("select status from inbox").query(String.class).single())
                .isEqualTo("pending");
    }

    @Test
    void renewingKeepsAClaimedItemHiddenPastItsFirstLease() {
        queue.enqueue(item("a", null));
        WorkItem claimed = queue.claim(1, Duration.ofSeconds(30)).get(0);
        clock.advance(Duration.ofSeconds(20));
        assertThat(queue.renew(claimed, Duration.ofSeconds(30))).isTrue();
        clock.advance(Duration.ofSeconds(20));

        assertThat(queue.claim(1, Duration.ofSeconds(30))).isEmpty();
        assertThat(queue.complete(claimed)).isTrue();
    }

    @Test
    void concurrentClaimersNeverGetTheSameItem() throws Exception {
        for (int i = 0; i < 200; i++) {
            queue.enqueue(item("item-" + i, null));
        }
        int claimers = 4;
        CyclicBarrier start = new CyclicBarrier(claimers);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < claimers; t++) {
            tasks.add(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                List<WorkItem> batch;
                while (!(batch = queue.claim(7, Duration.ofMinutes(5))).isEmpty()) {
                    batch.forEach(item -> mine.add(item.id()));
                }
                return mine;
            });
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : pool.invokeAll(tasks)) {
            all.addAll(result.get());
        }
        pool.shutdown();

        assertThat(all).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void retriesLaterAndDeadLettersThenReplays() {
        queue.enqueue(item("x", null));
        WorkItem item = queue.claim(1, Duration.ofMinutes(1)).get(0);
        queue.retry(item, Duration.ofSeconds(10), "EhrUnavailable: HTTP 503");

        assertThat(queue.claim(1, Duration.ofMinutes(1))).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        WorkItem retried = queue.claim(1, Duration.ofMinutes(1)).get(0);
        assertThat(retried.lastError()).isEqualTo("EhrUnavailable: HTTP 503");

        queue.deadLetter(retried, "gave up");
        assertThat(queue.stats().dead()).isEqualTo(1);
        assertThat(queue.deadLetters(10)).extracting(WorkItem::id).containsExactly(item.id());
        assertThat(queue.replay(item.id())).isTrue();
        assertThat(queue.replay(item.id())).as("only dead letters replay").isFalse();
        assertThat(queue.claim(1, Duration.ofMinutes(1)))
                .extracting(WorkItem::attempts)
                .containsExactly(1);
    }

    @Test
    void reportsDepthAndAgeOfTheOldestPendingItem() {
        queue.enqueue(item("old", null));
        clock.advance(Duration.ofMinutes(5));
        queue.enqueue(item("new", null));

        QueueStats stats = queue.stats();

        assertThat(stats.pending()).isEqualTo(2);
        assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void purgesOnlyItemsCompletedBeforeTheCutOff() {
        queue.enqueue(item("done-early", null));
        queue.complete(queue.claim(1, Duration.ofMinutes(1)).get(0));
        clock.advance(Duration.ofDays(8));
        queue.enqueue(item("pending", null));

        assertThat(queue.purgeCompleted(clock.instant().minus(Duration.ofDays(7))))
                .isEqualTo(1);
        assertThat(queue.stats().pending()).isEqualTo(1);
    }

    @Test
    void workerCompletesRetriesAndDeadLettersThroughItsHandler() throws Exception {
        queue.enqueue(item("ok", null));
        queue.enqueue(item("flaky", null));
        queue.enqueue(item("broken", null));
        AtomicReference<Integer> flakyCalls = new AtomicReference<>(0);
        WorkHandler handler = item -> {
            switch (item.payload()) {
                case "broken" -> throw new PermanentFailure("EHR rejected it", null);
                case "flaky" -> {
                    flakyCalls.updateAndGet(n -> n + 1);
                    if (item.attempts() < 3) {
                        throw new RetryLater("HTTP 503", Duration.ZERO, null);
                    }
                }
                default -> {}
            }
        };
        WorkerSettings settings = new WorkerSettings(
                2, 5, Duration.ofMillis(20), Duration.ofMinutes(1), 5, Duration.ofMillis(1), Duration.ofMillis(5));
        QueueWorker worker = new QueueWorker(inboxOn(Clock.systemUTC()), handler, settings);
        jdbc.sql("update inbox set available_at = now()").update();
        worker.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> worker.handledCount() == 3);
        } finally {
            worker.stop();
        }

        assertThat(flakyCalls.get()).isEqualTo(3);
        assertThat(jdbc.sql("select payload || ':' || status from inbox order by payload")
                        .query(String.class)
                        .list())
                .containsExactly("broken:dead", "flaky:done", "ok:done");
    }

    @Test
    void workerLeavesTheQueueAloneWhileTheCircuitBreakerIsOpen() throws Exception {
        for (int i = 0; i < 20; i++) {
            queue.enqueue(item("down-" + i, null));
        }
        jdbc.sql("update inbox set available_at = now()").update();
        io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
                        "ehr",
                        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                                .slidingWindowSize(4)
                                .minimumNumberOfCalls(4)
                                .failureRateThreshold(50)
                                .waitDurationInOpenState(Duration.ofMinutes(10))
                                .build());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        WorkHandler ehrIsDown = item -> {
            calls.incrementAndGet();
            throw new RetryLater("HTTP 503", Duration.ZERO, null);
        };
        QueueWorker worker = new QueueWorker(
                inboxOn(Clock.systemUTC()),
                ehrIsDown,
                new WorkerSettings(
                        1,
                        5,
                        Duration.ofMillis(20),
                        Duration.ofMinutes(1),
                        10,
                        Duration.ofMillis(1),
                        Duration.ofMillis(2)),
                breaker);
        worker.start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> breaker.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
            int callsWhenOpened = calls.get();
            org.awaitility.Awaitility.await()
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> calls.get() == callsWhenOpened);
            assertThat(callsWhenOpened).isLessThanOrEqualTo(5);
        } finally {
            worker.stop();
        }
        assertThat(jdbc.sql("select count(*) from inbox where status = 'dead'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private WorkQueue inboxOn(Clock clock) {
        return new WorkQueue(
                "inbox", jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    }

    private static NewWorkItem item(String dedupeKey, String pendingKey) {
        String name = dedupeKey != null ? dedupeKey : pendingKey;
        return new NewWorkItem(
                "test", "Patient", "1", null, name.split("/")[0].replace("item-", "item"), dedupeKey, pendingKey);
    }
}
