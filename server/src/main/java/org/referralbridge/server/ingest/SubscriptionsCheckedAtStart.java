package org.referralbridge.server.ingest;

/**
 * The first check of the service's Subscriptions on the EHR, which runs once the application is ready, is done:
 * from now on the EHR notifies the service of changes (if {@code healthy}; if not, the scheduled checks retry and the
 * catch-up poller finds the changes meanwhile).
 *
 * @param healthy every Subscription exists and is on
 */
public record SubscriptionsCheckedAtStart(boolean healthy) {}
