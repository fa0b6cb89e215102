package org.referralbridge.server.queue;

import java.time.Duration;

/** What an operator wants to know of a queue: how much waits, how long the oldest has waited, how much died. */
public record QueueStats(String queue, long pending, Duration oldestPendingAge, long dead) {}
