/**
 * Durable work queues in the database (the inbox of EHR notifications, the outbox of write-backs): claims with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, retries with backoff and jitter, dead letters, replay.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Durable queues")
package org.referralbridge.server.queue;
