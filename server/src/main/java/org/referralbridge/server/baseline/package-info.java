/**
 * The pre-launch baseline: a resumable, throttled backfill of the EHR's Patient and Encounter history (paged
 * {@code _lastUpdated} searches, checkpointed after every page), and the monthly new-patient figures before and after
 * the program's launch with the referral share of new patients. See {@code docs/baseline.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Baseline")
package org.referralbridge.server.baseline;
