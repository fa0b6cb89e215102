/**
 * Writing referral state back into the EHR (our extensions on Patients, rewards as ReferralReward Basics with their
 * staff Tasks, consents, survey answers, the monthly MeasureReports): outbox rows written in the same transaction as
 * the domain change, and the outbox worker that applies them with conditional creates and version-checked updates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Write-back")
package org.referralbridge.server.writeback;
