package org.referralbridge.server.queue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Threads that claim items from one {@link WorkQueue} and hand them to a {@link WorkHandler}. Several workers, in
 * one instance or many, share a queue safely: claims skip locked rows and take a lease.
 *
 * <p>While a handler works, a heartbeat renews the item's lease every third of the lease, so an EHR call slower
 * than the lease does not let a second worker run the same item; should the lease run out all the same (a pause
 * of this process, a database outage longer than the lease), the claim token fences the result: the late worker's
 * outcome is logged and counted as a lost claim, never written over the other worker's. Whatever a handler throws,
 * {@link Error}s included, the thread survives, the circuit breaker's permission is given back or recorded, and
 * the item is retried; stored reasons are PHI-free ({@link FailureText}).
 */
public class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final WorkQueue queue;
    private final WorkHandler handler;
    private final WorkerSettings settings;
    private final CircuitBreaker breaker;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong lostClaims = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public QueueWorker(WorkQueue queue, WorkHandler handler, WorkerSettings settings) {
        this(queue, handler, settings, null);
    }

    /**
     * @param breaker the circuit breaker of the system the handler calls (shared by every worker calling it), or
     *     null: while it is open the worker claims nothing, so a down EHR is not hammered and items do not burn
     *     their attempts
     */
    public QueueWorker(WorkQueue queue, WorkHandler handler, WorkerSettings settings, CircuitBreaker breaker) {
        this.queue = queue;
        this.handler = handler;
        this.settings = settings;
        this.breaker = breaker;
    }

    public String queueName() {
        return queue.name();
    }

    /** Items this worker has finished (done or dead-lettered) since it started. */
    public long handledCount() {
        return done.get() + dead.get();
    }

    long doneCount() {
        return done.get();
    }

    long retriedCount() {
        return retried.get();
    }

    long deadCount() {
        return dead.get();
    }

    /** Results not recorded because the lease had run out and another worker had claimed the item since. */
    long lostClaimCount() {
        return lostClaims.get();
    }

    /** Errors and other throwables that are not exceptions, caught so the worker thread survives them. */
    long errorCount() {
        return errors.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rb-" + queue.name() + "-lease");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::loop, "rb-" + queue.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("Started {} {} worker thread(s)", settings.threads(), queue.name());
    }

    @Override
    public synchronized void stop() {
        running = false;
        queue.signal();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                // an item it holds comes back when its lease ends
                thread.interrupt();
            }
        }
        threads.clear();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (Throwable e) {
                // an Error (or anything else) must not end the thread: the queue would silently stop being worked
                errors.incrementAndGet();
                log.error("{} worker hit {}; it carries on", queue.name(), FailureText.of(e));
                idle();
            }
        }
    }

    private void pollOnce() {
        if (breaker != null && breaker.getState() == CircuitBreaker.State.OPEN) {
            idle();
            return;
        }
        List<WorkItem> items;
        try {
            items = queue.claim(settings.batchSize(), settings.lease());
        } catch (RuntimeException e) {
            log.warn("Claiming from {} failed ({}); trying again", queue.name(), FailureText.of(e));
            idle();
            return;
        }
        if (items.isEmpty()) {
            idle();
            return;
        }
        try {
            prepare(items);
            handleAll(items);
        } finally {
            handler.batchDone();
        }
    }

    /** A batch that could not be prepared is handled item by item all the same. */
    private void prepare(List<WorkItem> items) {
        try {
            handler.prepare(items);
        } catch (RuntimeException e) {
            log.warn(
                    "Preparing a batch of {} {} items failed ({}); handling them one by one",
                    items.size(),
                    queue.name(),
                    FailureText.of(e));
        }
    }

    private void handleAll(List<WorkItem> items) {
        for (int i = 0; i < items.size(); i++) {
            WorkItem item = items.get(i);
            try {
                // the batch's later items have waited: their lease starts again now, or they are no longer ours
                if (i > 0 && !queue.renew(item, settings.lease())) {
                    lostClaim(item, "start");
                } else if (running && permitted()) {
                    process(item);
                } else {
                    queue.release(item);
                }
            } catch (Throwable e) {
                // the database failed while recording the result; the lease brings the item back
                if (!(e instanceof Exception)) {
                    errors.incrementAndGet();
                }
                log.warn("Recording the result of {} item {} failed ({})", queue.name(), item.id(), FailureText.of(e));
            }
        }
    }

    private boolean permitted() {
        return breaker == null || breaker.tryAcquirePermission();
    }

    private void process(WorkItem item) {
        long started = System.nanoTime();
        Throwable failure = null;
        ScheduledFuture<?> heartbeat = null;
        try {
            heartbeat = startHeartbeat(item);
            handler.handle(item);
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            recordCall(failure, System.nanoTime() - started);
        }
        if (failure == null) {
            if (queue.complete(item)) {
                done.incrementAndGet();
            } else {
                lostClaim(item, "done");
            }
        } else if (failure instanceof PermanentFailure) {
            String reason = FailureText.of(failure);
            log.warn("{} item {} ({}) failed for good: {}", queue.name(), item.id(), item.subject(), reason);
            deadLetter(item, reason);
        } else if (failure instanceof RetryLater retryLater) {
            scheduleRetry(item, failure, retryLater.after());
        } else {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!(failure instanceof Exception)) {
                errors.incrementAndGet();
                log.error(
                        "{} item {} ({}) attempt {} hit {}; the worker carries on and retries the item",
                        queue.name(),
                        item.id(),
                        item.subject(),
                        item.attempts(),
                        FailureText.of(failure));
            }
            scheduleRetry(item, failure, null);
        }
    }

    /**
     * Tells the breaker how the call went; every permission taken is given back or recorded exactly once, whatever
     * the handler threw. A transient failure of the other side counts against it; a rejected request is an
     * answer; anything else (a bug, an Error) says nothing about the other side, so the permission is released.
     */
    private void recordCall(Throwable failure, long nanos) {
        if (breaker == null) {
            return;
        }
        if (failure == null || failure instanceof PermanentFailure) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        } else if (failure instanceof RetryLater) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.releasePermission();
        }
    }

    /** Renews the item's lease while the handler works, so a slow EHR call never lets a second worker take it. */
    private ScheduledFuture<?> startHeartbeat(WorkItem item) {
        long period = Math.max(1, settings.lease().toMillis() / 3);
        return heartbeats.scheduleAtFixedRate(
                () -> {
                    try {
                        if (!queue.renew(item, settings.lease())) {
                            log.warn(
                                    "{} item {} ({}): lease could not be renewed, the claim is lost",
                                    queue.name(),
                                    item.id(),
                                    item.subject());
                            throw new CancellationException("claim lost"); // ends this heartbeat
                        }
                    } catch (RuntimeException e) {
                        if (e instanceof CancellationException) {
                            throw e;
                        }
                        log.warn(
                                "Renewing the lease of {} item {} failed ({})",
                                queue.name(),
                                item.id(),
                                FailureText.of(e));
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    private void lostClaim(WorkItem item, String outcome) {
        lostClaims.incrementAndGet();
        log.warn(
                "{} item {} ({}) attempt {}: the claim was lost (the lease ran out and another worker took the item);"
                        + " outcome '{}' not recorded",
                queue.name(),
                item.id(),
                item.subject(),
                item.attempts(),
                outcome);
    }

    private void deadLetter(WorkItem item, String reason) {
        if (queue.deadLetter(item, reason)) {
            dead.incrementAndGet();
        } else {
            lostClaim(item, "dead letter");
        }
    }

    private void scheduleRetry(WorkItem item, Throwable failure, Duration retryAfter) {
        String reason = FailureText.of(failure);
        if (item.attempts() >= settings.maxAttempts()) {
            log.warn(
                    "{} item {} ({}) is a dead letter after {} attempts: {}",
                    queue.name(),
                    item.id(),
                    item.subject(),
                    item.attempts(),
                    reason);
            deadLetter(item, "gave up after " + item.attempts() + " attempts: " + reason);
            return;
        }
        Duration delay = settings.delayBeforeAttempt(item.attempts(), retryAfter);
        log.info(
                "{} item {} ({}) attempt {} failed, retrying in {} ms: {}",
                queue.name(),
                item.id(),
                item.subject(),
                item.attempts(),
                delay.toMillis(),
                reason);
        if (queue.retry(item, delay, reason)) {
            retried.incrementAndGet();
        } else {
            lostClaim(item, "retry");
        }
    }

    private void idle() {
        try {
            queue.awaitWork(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
