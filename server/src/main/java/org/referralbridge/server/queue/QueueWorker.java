package org.referralbridge.server.queue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Threads that claim items from one {@link WorkQueue} and hand them to a {@link WorkHandler}. Several workers, in
 * one instance or many, share a queue safely: claims skip locked rows and take a lease.
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (breaker != null && breaker.getState() == CircuitBreaker.State.OPEN) {
                idle();
                continue;
            }
            List<WorkItem> items;
            try {
                items = queue.claim(settings.batchSize(), settings.lease());
            } catch (RuntimeException e) {
                log.warn(
                        "Claiming from {} failed ({}); trying again",
                        queue.name(),
                        e.getClass().getSimpleName());
                idle();
                continue;
            }
            if (items.isEmpty()) {
                idle();
                continue;
            }
            for (WorkItem item : items) {
                try {
                    if (running && permitted()) {
                        process(item);
                    } else {
                        queue.release(item.id());
                    }
                } catch (RuntimeException e) {
                    // the database failed while recording the result; the lease brings the item back
                    log.warn(
                            "Recording the result of {} item {} failed ({})",
                            queue.name(),
                            item.id(),
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    private boolean permitted() {
        return breaker == null || breaker.tryAcquirePermission();
    }

    private void process(WorkItem item) {
        long started = System.nanoTime();
        try {
            handler.handle(item);
            succeeded(started);
            queue.complete(item.id());
            done.incrementAndGet();
        } catch (PermanentFailure e) {
            succeeded(started); // the other side answered; the request was wrong
            log.warn("{} item {} ({}) failed for good: {}", queue.name(), item.id(), item.subject(), e.getMessage());
            queue.deadLetter(item.id(), describe(e));
            dead.incrementAndGet();
        } catch (RetryLater e) {
            if (breaker != null) {
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            }
            scheduleRetry(item, e, e.after());
        } catch (Exception e) {
            if (breaker != null) {
                breaker.releasePermission();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            scheduleRetry(item, e, null);
        }
    }

    private void succeeded(long started) {
        if (breaker != null) {
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void scheduleRetry(WorkItem item, Exception failure, Duration retryAfter) {
        String reason = describe(failure);
        if (item.attempts() >= settings.maxAttempts()) {
            log.warn(
                    "{} item {} ({}) is a dead letter after {} attempts: {}",
                    queue.name(),
                    item.id(),
                    item.subject(),
                    item.attempts(),
                    reason);
            queue.deadLetter(item.id(), "gave up after " + item.attempts() + " attempts: " + reason);
            dead.incrementAndGet();
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
        queue.retry(item.id(), delay, reason);
        retried.incrementAndGet();
    }

    private void idle() {
        try {
            queue.awaitWork(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exception messages of this project carry no PHI; the class name tells the kind of failure. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
