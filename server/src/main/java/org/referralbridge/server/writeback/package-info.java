/**
 * Writing referral state back into the EHR: outbox rows written in the same transaction as the domain change,
 * and the outbox worker that applies them with version-checked updates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Write-back")
package org.referralbridge.server.writeback;
