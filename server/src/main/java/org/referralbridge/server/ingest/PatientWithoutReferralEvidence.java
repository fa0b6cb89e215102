package org.referralbridge.server.ingest;

import org.referralbridge.server.referral.PatientFacts;

/**
 * A Patient the ingest module read carries no referral evidence at all (no code, referrer or channel): another module
 * may still know who referred them, such as a lead the friend left on the landing page with the same email or
 * phone. Published on the inbox worker's thread, outside a transaction; a listener that fails makes the notification
 * retry. PHI in {@code facts}: compared, never logged.
 */
public record PatientWithoutReferralEvidence(PatientFacts facts) {}
